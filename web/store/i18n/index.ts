import type { Catalogues } from '@shared/i18n';
import { en } from './en';
import { fr } from './fr';

export const catalogues: Catalogues = { en, fr };
