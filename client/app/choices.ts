import type { TFunction } from 'i18next';
import { ACCESS_LEVELS, ROLES, type Access, type Role } from '../../shared/members.ts';
import type { Choice } from '../ui/ChoiceGroup.tsx';

export function roleChoices(t: TFunction): Choice<Role>[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function accessChoices(t: TFunction): Choice<Access>[] {
  return ACCESS_LEVELS.map((access) => ({ value: access, label: t(`access.${access}`) }));
}
