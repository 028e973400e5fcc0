import type {
  ApiKeysTable,
  ContactsTable,
  EventsTable,
  SessionsTable,
  SignInThrottleTable,
  UsersTable,
} from "./foundation";
import type { HooksTable } from "./hooks";

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  api_keys: ApiKeysTable;
  contacts: ContactsTable;
  events: EventsTable;
  hooks: HooksTable;
}

export type * from "./foundation";
export type * from "./hooks";
