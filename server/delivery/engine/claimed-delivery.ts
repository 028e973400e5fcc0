// A delivery this worker holds a lease on, with what sending it needs.
import type { DeliveryMessage } from "../delivery.payload";

export interface ClaimedDelivery extends DeliveryMessage {
  leaseId: string;
  hookId: string;
  ordered: boolean;
  retryStep: number;
}
