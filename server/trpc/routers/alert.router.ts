// Alerts for admins: the notification list with its unread count, and the alert URL.
import { z } from "zod";
import { alertUrlResource, notificationPage } from "@/server/alerts/alert.schema";
import { alertUrlInput, getAlertUrl, saveAlertUrl } from "@/server/alerts/alert-url.service";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationListQuery,
} from "@/server/alerts/notification.service";
import { adminProcedure, router } from "../init";

export const alertRouter = router({
  // Notifications tell of hooks disabled and deliveries given up: for whoever may see hooks.
  notifications: adminProcedure
    .meta({ permission: "hooks.read" })
    .input(notificationListQuery)
    .output(notificationPage)
    .query(({ ctx, input }) => listNotifications(ctx.db, { userId: ctx.user.id, query: input })),
  unreadCount: adminProcedure
    .meta({ permission: "hooks.read" })
    .output(z.number().int())
    .query(({ ctx }) => countUnreadNotifications(ctx.db, ctx.user.id)),
  markRead: adminProcedure
    .meta({ permission: "hooks.read" })
    .input(z.object({ id: z.string().max(64) }))
    .output(z.void())
    .mutation(({ ctx, input }) => markNotificationRead(ctx.db, ctx.user.id, input.id)),
  markAllRead: adminProcedure
    .meta({ permission: "hooks.read" })
    .output(z.void())
    .mutation(({ ctx }) => markAllNotificationsRead(ctx.db, ctx.user.id)),
  alertUrl: adminProcedure
    .meta({ permission: "settings.read" })
    .output(alertUrlResource)
    .query(({ ctx }) => getAlertUrl(ctx.db)),
  saveAlertUrl: adminProcedure
    .meta({ permission: "settings.write" })
    .input(alertUrlInput)
    .output(alertUrlResource)
    .mutation(({ ctx, input }) => saveAlertUrl(ctx.db, { actor: ctx.actor, input })),
});
