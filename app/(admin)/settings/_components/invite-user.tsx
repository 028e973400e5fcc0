"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { assignableRoles, ROLE_LABELS, ROLES, type Role } from "@/shared/permissions";
import { NotAllowed, usePermission, useRole } from "../../_components/role";

const schema = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  role: z.enum(ROLES),
});

/** Invites someone by email and role, then shows the one-time link to hand them. */
export function InviteUser() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const myRole = useRole();
  const permission = usePermission("users.manage");
  const roles = assignableRoles(myRole);
  const [invited, setInvited] = useState<{ email: string; role: Role; url: string } | null>(null);
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: "", role: "marketer" },
  });
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: ({ invitation, link }) => {
        form.reset({ email: "", role: form.getValues("role") });
        setInvited({
          email: invitation.email,
          role: invitation.role,
          url: link.url ?? new URL(link.path, window.location.origin).toString(),
        });
        void queryClient.invalidateQueries(trpc.invitation.list.pathFilter());
      },
      onError: (error) => {
        const email = fieldErrors(error).find((item) => item.path === "email");
        form.setError("email", { type: "server", message: email?.message ?? errorMessage(error) });
      },
    }),
  );
  const { errors } = form.formState;

  return (
    <section aria-labelledby="invite-heading" className="space-y-3 border-t border-slate-100 pt-5">
      <h3 id="invite-heading" className="text-sm font-semibold text-slate-900">
        Invite someone
      </h3>
      {!permission.allowed ? (
        <NotAllowed action="users.manage" />
      ) : (
        <form
          onSubmit={form.handleSubmit((values) => {
            setInvited(null);
            create.mutate(values);
          })}
          noValidate
          className="grid items-start gap-3 sm:grid-cols-[1fr_10rem_auto]"
        >
          <Field label="Email" htmlFor="invite-email" error={errors.email?.message}>
            <Input id="invite-email" type="email" autoComplete="off" {...form.register("email")} />
          </Field>
          <Field label="Role" htmlFor="invite-role">
            <Select id="invite-role" {...form.register("role")}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role].one}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" className="sm:mt-7" disabled={create.isPending}>
            {create.isPending ? "Inviting…" : "Invite"}
          </Button>
        </form>
      )}
      {invited ? (
        <div className="rounded-lg bg-slate-900 p-4 text-slate-100" data-testid="invitation-link">
          <p className="text-sm font-medium">
            Invitation for {invited.email} ({ROLE_LABELS[invited.role].one.toLowerCase()})
          </p>
          <code className="mt-2 block font-mono text-sm break-all select-all">{invited.url}</code>
          <div className="mt-3">
            <CopyButton value={invited.url} label="Copy link" />
          </div>
          <p className="mt-2 text-xs text-slate-400">
            Shown only this once. Hand it to them yourself: it works once, for 7 days, and they choose their
            own password there. Lost it? Invite them again.
          </p>
        </div>
      ) : null}
    </section>
  );
}
