// The 'supervision' handler group (Art 32; issue 14): complaints and reports about the assessment,
// public filing included. Its own group because the public pages' Lambda only reads (least
// privilege), while a public filing writes.
import { apiHandler } from '../../http/chain.ts';
import { complaintOps } from './complaints.ts';

export const handler = apiHandler('supervision', { ...complaintOps });
