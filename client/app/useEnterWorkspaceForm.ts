/**
 * The form logic that the three ways into a workspace share (create one, load
 * the example, accept an invite): your name and role, checked here first, then
 * one request, then on to the workspace — or the server's reason, readable.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Role } from '../../shared/members.ts';
import { errorText } from './errorText.ts';
import { memberFormProblem } from './MemberFields.tsx';

export interface EnterWorkspaceForm {
  name: string;
  setName: (name: string) => void;
  role: Role | null;
  setRole: (role: Role) => void;
  problem: string | null;
  busy: boolean;
  submit: (event: FormEvent) => void;
}

export function useEnterWorkspaceForm(
  enter: (member: { name: string; role: Role }) => Promise<{ workspaceId: string }>,
  /** A problem with the form's other fields, checked before name and role. */
  otherProblem: () => string | null = () => null,
): EnterWorkspaceForm {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (): Promise<void> => {
    const invalid = otherProblem() ?? memberFormProblem(name, role, t);
    if (invalid || !role) {
      setProblem(invalid);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const entered = await enter({ name: name.trim(), role });
      navigate(`/w/${encodeURIComponent(entered.workspaceId)}`);
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };

  return {
    name,
    setName,
    role,
    setRole,
    problem,
    busy,
    submit: (event) => {
      event.preventDefault();
      void send();
    },
  };
}
