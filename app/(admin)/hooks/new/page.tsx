import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { RequirePermission } from "../../_components/require-permission";
import { CreateHook } from "../_components/create-hook";

export const metadata: Metadata = { title: "New hook" };

export default function NewHookPage() {
  return (
    <div className="max-w-4xl">
      <Link href="/hooks" className="text-sm text-slate-500 hover:text-slate-800">
        ← Hooks
      </Link>
      <PageHeader
        title="New hook"
        description="Owned by you, the admin. Integrators create their own through the REST API with an API key."
      />
      <p className="-mt-3 mb-5 text-sm text-slate-600">
        What the target receives, and how to verify it:{" "}
        <Link href="/docs/webhooks" className="text-brand-600 hover:underline">
          the receiving guide
        </Link>
        .
      </p>
      <RequirePermission action="hooks.write">
        <CreateHook />
      </RequirePermission>
    </div>
  );
}
