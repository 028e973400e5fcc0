// The receiving guide, inside the portal (a framed portal can't open the app's own /docs pages).
export { default, metadata } from "@/app/docs/webhooks/page";
