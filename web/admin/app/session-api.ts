import { unwrap } from '@shared/api/client';

export { api, call, getSession, onSession, setSession } from './api';

export interface LoginTokens { accessToken: string; refreshToken: string; expiresIn: number; mfaEnrollmentRequired?: boolean }

export const unwrapLogin = (p: Promise<any>) => unwrap<LoginTokens>(p);
