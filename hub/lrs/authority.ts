/**
 * Who vouches for a statement the hub stores. xAPI Data 2.4.9: "The LRS MUST
 * include the user as an Agent as the entire authority if a user connects
 * directly (using HTTP Basic Authentication)" and "SHOULD overwrite the
 * authority on all Statements it stores", so a device cannot claim another's.
 */
import type { Client } from './clients';
import type { Json } from './store';

/** Not a web page: `.invalid` never resolves, so the account names a hub client and nothing else. */
export const CLIENT_HOME_PAGE = 'https://baraza.invalid/hub/clients';

/** The client that sent the statements, as an Agent identified by its key (its secret is never in it). */
export function clientAuthority(client: Client): Json {
  // A hub without clients serves this computer only; its records still need an authority.
  const name = client.key === '' ? 'open' : client.key;
  return { objectType: 'Agent', name: client.name, account: { homePage: CLIENT_HOME_PAGE, name } };
}

/** Statements taken from a USB sync bundle reach the hub through its operator, not a client. */
export const BUNDLE_AUTHORITY: Json = { objectType: 'Agent', name: 'USB sync bundle import', account: { homePage: CLIENT_HOME_PAGE, name: 'import-bundle' } };
