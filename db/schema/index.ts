import type { DeliveriesTable, DeliveryAttemptsTable } from "./deliveries";
import type {
  ApiKeysTable,
  ContactsTable,
  EventsTable,
  SessionsTable,
  SignInThrottleTable,
  UsersTable,
} from "./foundation";
import type { HooksTable } from "./hooks";
import type { DeliveryRollupsTable, EventRollupsTable } from "./rollups";

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  api_keys: ApiKeysTable;
  contacts: ContactsTable;
  events: EventsTable;
  hooks: HooksTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  delivery_rollups: DeliveryRollupsTable;
  event_rollups: EventRollupsTable;
}

export type * from "./deliveries";
export type * from "./foundation";
export type * from "./hooks";
export type * from "./rollups";
