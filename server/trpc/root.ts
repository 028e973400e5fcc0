// The admin UI's API: one router per domain.
import { createCallerFactory, router } from "./init";
import { alertRouter } from "./routers/alert.router";
import { apiKeyRouter } from "./routers/api-key.router";
import { auditRouter } from "./routers/audit.router";
import { authRouter } from "./routers/auth.router";
import { automationRouter } from "./routers/automation.router";
import { contactRouter } from "./routers/contact.router";
import { dashboardRouter } from "./routers/dashboard.router";
import { deliveryRouter } from "./routers/delivery.router";
import { eventRouter } from "./routers/event.router";
import { hookRouter } from "./routers/hook.router";
import { importRouter } from "./routers/import.router";
import { invitationRouter } from "./routers/invitation.router";
import { publicLinkRouter } from "./routers/public-link.router";
import { settingsRouter } from "./routers/settings.router";
import { twoFactorRouter } from "./routers/two-factor.router";
import { userRouter } from "./routers/user.router";

export const appRouter = router({
  auth: authRouter,
  contact: contactRouter,
  event: eventRouter,
  apiKey: apiKeyRouter,
  audit: auditRouter,
  import: importRouter,
  automation: automationRouter,
  publicLink: publicLinkRouter,
  hook: hookRouter,
  delivery: deliveryRouter,
  dashboard: dashboardRouter,
  user: userRouter,
  invitation: invitationRouter,
  twoFactor: twoFactorRouter,
  settings: settingsRouter,
  alert: alertRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
