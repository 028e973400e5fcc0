// The receiving guide, public: its body is the guide the portal shows too.
import type { Metadata } from "next";
import { GUIDE_TITLE, ReceivingGuide } from "./_components/receiving-guide";

export const metadata: Metadata = { title: GUIDE_TITLE };

export default function ReceivingGuidePage() {
  return <ReceivingGuide content="main" newTab={false} className="mx-auto max-w-7xl px-6 py-10" />;
}
