/**
 * The documents-per-workspace limit (MAX_DOCUMENTS_PER_WORKSPACE), checked
 * wherever a new document comes into existence: the WebSocket upgrade of a new
 * docId (http/collabUpgrade.ts) and the document-creation route. The count and
 * the creation are not one transaction, so requests racing at the limit may
 * pass it by a few; the limit is against runaway growth, not an exact quota.
 */
import type { DocumentStorage } from '../storage/Storage.ts';

export class DocumentQuota {
  constructor(
    private readonly storage: Pick<DocumentStorage, 'countDocuments'>,
    readonly maxDocuments: number,
  ) {}

  /** True when `workspaceId` may get one more document. */
  async allowsAnother(workspaceId: string): Promise<boolean> {
    return (await this.storage.countDocuments(workspaceId)) < this.maxDocuments;
  }
}
