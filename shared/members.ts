/**
 * Members of a workspace. A role is a label that people choose for themselves;
 * it never grants or removes a right. Access is the only thing that does.
 */

export const ROLES = ['resident', 'professional', 'other'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_LEVELS = ['edit', 'view'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** What the server stamps into the `member` field of every awareness state it relays. */
export interface AwarenessMember {
  id: string;
  name: string;
  role: Role;
  access: Access;
}

export const MAX_NAME_LENGTH = 80;

/** Titles of workplaces and documents. */
export const MAX_TITLE_LENGTH = 120;
