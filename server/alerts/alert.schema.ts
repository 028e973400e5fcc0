// What the alert procedures answer (`.output()`): notifications, the unread count, the alert URL.
import { z } from "zod";

export const notificationResource = z.object({
  id: z.string(),
  type: z.enum(["hook.disabled", "delivery.exhausted"]),
  text: z.string(),
  hook_id: z.string().nullable(),
  read: z.boolean(),
  created_at: z.string(),
});

export const notificationPage = z.object({
  data: z.array(notificationResource),
  next_cursor: z.string().nullable(),
});

export const alertUrlResource = z.object({
  url: z.string().nullable(),
  hook_id: z.string().nullable(),
  status: z.enum(["pending", "active", "disabled"]).nullable(),
  disabled_reason: z.enum(["admin", "api", "gone", "failing", "key_revoked"]).nullable(),
});
