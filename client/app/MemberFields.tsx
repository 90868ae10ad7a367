import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, type Role } from '../../shared/members.ts';
import { ChoiceGroup } from '../ui/ChoiceGroup.tsx';
import { TextField } from '../ui/TextField.tsx';
import { roleChoices } from './choices.ts';

interface MemberFieldsProps {
  name: string;
  role: Role | null;
  onName(name: string): void;
  onRole(role: Role): void;
}

/** "Who are you?": the name others will see and a self-chosen role label. */
export function MemberFields({ name, role, onName, onRole }: MemberFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('form.yourName')}
        hint={t('form.yourNameHint')}
        value={name}
        onChange={onName}
        autoComplete="name"
        maxLength={MAX_NAME_LENGTH}
      />
      <ChoiceGroup legend={t('form.yourRole')} hint={t('form.yourRoleHint')} choices={roleChoices(t)} value={role} onChange={onRole} />
    </>
  );
}

/** The first problem with a member form, in words, or null when it can be sent. */
export function memberFormProblem(name: string, role: Role | null, t: (key: 'validation.nameRequired' | 'validation.roleRequired') => string): string | null {
  if (!name.trim()) return t('validation.nameRequired');
  if (!role) return t('validation.roleRequired');
  return null;
}
