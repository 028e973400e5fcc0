import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { RequirePermission } from "../../../_components/require-permission";
import { ContactForm } from "../../_components/contact-form";
import { loadContactOr404 } from "../../_components/load-contact";

export const metadata: Metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: { params: Promise<{ id: string }> }) {
  const contact = await loadContactOr404((await params).id);
  return (
    <div className="max-w-3xl">
      <Link href={`/contacts/${contact.id}`} className="text-sm text-slate-500 hover:text-slate-900">
        ← {contact.email}
      </Link>
      <div className="mt-2">
        <PageHeader title="Edit contact" />
      </div>
      <RequirePermission action="contacts.write">
        <ContactForm contact={contact} />
      </RequirePermission>
    </div>
  );
}
