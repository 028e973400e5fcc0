// The receiving guide inside the portal, within the portal layout's one <main>. The portal may sit
// in an integrator's frame, so the guide's links to the app's other pages open a new tab.
import type { Metadata } from "next";
import { GUIDE_TITLE, ReceivingGuide } from "@/app/docs/webhooks/_components/receiving-guide";

export const metadata: Metadata = { title: GUIDE_TITLE };

export default function PortalGuidePage() {
  return <ReceivingGuide content="article" newTab />;
}
