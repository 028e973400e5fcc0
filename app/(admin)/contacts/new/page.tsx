import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { RequirePermission } from "../../_components/require-permission";
import { ContactForm } from "../_components/contact-form";

export const metadata: Metadata = { title: "New contact" };

export default function NewContactPage() {
  return (
    <div className="max-w-3xl">
      <Link href="/contacts" className="text-sm text-slate-500 hover:text-slate-900">
        ← Contacts
      </Link>
      <div className="mt-2">
        <PageHeader title="New contact" description="Adding a contact records a contact.created event." />
      </div>
      <RequirePermission action="contacts.write">
        <ContactForm />
      </RequirePermission>
    </div>
  );
}
