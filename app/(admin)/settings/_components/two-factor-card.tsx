"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PasswordField } from "@/components/ui/password-field";
import { RelativeTime } from "@/components/ui/relative-time";
import { usePermission } from "../../_components/role";
import { RecoveryCodes } from "./recovery-codes";
import { TwoFactorSetup } from "./two-factor-setup";

/** The signed-in admin's two-factor sign-in, and the setting that requires it of every admin. */
export function TwoFactorCard() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const [settingUp, setSettingUp] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<"regenerate" | "disable" | null>(null);

  function refresh() {
    void queryClient.invalidateQueries(trpc.twoFactor.pathFilter());
    void queryClient.invalidateQueries(trpc.user.list.pathFilter());
    // Turned off while every admin must use it: the layout now shows the set-up instead.
    router.refresh();
  }

  let body: React.ReactNode;
  if (recoveryCodes) {
    body = <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;
  } else if (settingUp) {
    body = (
      <TwoFactorSetup
        autoStart
        onEnabled={(codes) => {
          setSettingUp(false);
          setRecoveryCodes(codes);
          refresh();
        }}
        onCancel={() => setSettingUp(false)}
      />
    );
  } else if (status.data?.enabled) {
    const left = status.data.recovery_codes_left;
    body = (
      <div className="space-y-4">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <Badge tone="green">On</Badge>
          <span>
            Turned on {status.data.enabled_at ? <RelativeTime iso={status.data.enabled_at} /> : null}. Signing
            in asks for a code from your authenticator app after the password.
          </span>
        </p>
        <p
          data-testid="recovery-codes-left"
          className={`text-sm ${left <= 2 ? "text-amber-800" : "text-slate-600"}`}
        >
          {left === 1 ? "1 recovery code left." : `${left} recovery codes left.`}
          {left <= 2 ? " Make new ones before you run out." : null}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setAsking("regenerate")}>
            New recovery codes
          </Button>
          <Button variant="danger-ghost" onClick={() => setAsking("disable")}>
            Turn off
          </Button>
        </div>
      </div>
    );
  } else if (status.data) {
    body = (
      <div className="space-y-4">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <Badge>Off</Badge>
          <span>Your password alone signs you in.</span>
        </p>
        <Button onClick={() => setSettingUp(true)}>Set up two-factor sign-in</Button>
      </div>
    );
  } else if (status.isError) {
    body = <Alert tone="error">{errorMessage(status.error)}</Alert>;
  } else {
    body = <p className="text-sm text-slate-500">Loading…</p>;
  }

  return (
    <Card
      title="Two-factor sign-in"
      description="A code from an authenticator app on your phone, asked for after your password."
    >
      <div className="space-y-5">
        {body}
        <TwoFactorRequirement />
      </div>
      <ProofDialog
        action={asking}
        onClose={() => setAsking(null)}
        onDone={(codes) => {
          setAsking(null);
          if (codes) setRecoveryCodes(codes);
          refresh();
        }}
      />
    </Card>
  );
}

const PROOF_DIALOGS = {
  regenerate: {
    title: "Make new recovery codes?",
    body: "Every unused recovery code stops working.",
    confirm: "Make new codes",
    pending: "Making…",
    tone: "primary",
  },
  disable: {
    title: "Turn off two-factor sign-in?",
    body: "Your password alone will sign you in, and your recovery codes stop working.",
    confirm: "Turn off",
    pending: "Turning off…",
    tone: "danger",
  },
} as const;

/** New recovery codes or turning off: both need the password or a current code, not just a session. */
function ProofDialog({
  action,
  onClose,
  onDone,
}: {
  action: "regenerate" | "disable" | null;
  onClose: () => void;
  onDone: (recoveryCodes?: string[]) => void;
}) {
  const trpc = useTRPC();
  const [proof, setProof] = useState("");
  const required = useQuery(trpc.twoFactor.requirement.queryOptions()).data?.required ?? false;
  const regenerate = useMutation(
    trpc.twoFactor.regenerateRecoveryCodes.mutationOptions({
      onSuccess: ({ recoveryCodes }) => finish(recoveryCodes),
    }),
  );
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions({ onSuccess: () => finish() }));
  const mutation = action === "disable" ? disable : regenerate;
  const text = PROOF_DIALOGS[action ?? "regenerate"];

  function finish(codes?: string[]) {
    setProof("");
    onDone(codes);
  }
  function submit() {
    if (action) mutation.mutate({ proof });
  }

  return (
    <ConfirmDialog
      open={action !== null}
      title={text.title}
      confirmLabel={text.confirm}
      pendingLabel={text.pending}
      tone={text.tone}
      pending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : null}
      onConfirm={submit}
      onClose={() => {
        setProof("");
        regenerate.reset();
        disable.reset();
        onClose();
      }}
    >
      <p className="mb-3">
        {text.body}
        {action === "disable" && required
          ? " Every user must use two-factor sign-in, so you will be asked to set it up again at once."
          : null}
      </p>
      <PasswordField
        id="two-factor-proof"
        label="Your password, or a code from your app"
        autoComplete="current-password"
        autoFocus
        value={proof}
        onChange={(event) => setProof(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") submit();
        }}
      />
    </ConfirmDialog>
  );
}

/** Whether every admin must use two-factor sign-in; who may change it is the server's call. */
function TwoFactorRequirement() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const requirement = useQuery(trpc.twoFactor.requirement.queryOptions());
  // The box shows what was asked for while the server decides; a refusal puts it back.
  const [asked, setAsked] = useState<boolean | null>(null);
  const change = useMutation(
    trpc.twoFactor.setRequirement.mutationOptions({
      onSuccess: (saved) =>
        queryClient.setQueryData(trpc.twoFactor.requirement.queryKey(), (old) =>
          old ? { ...old, ...saved } : old,
        ),
      onSettled: () => setAsked(null),
    }),
  );
  const permission = usePermission("settings.write");
  const data = requirement.data;
  if (!data) return null;
  const without = data.admins_without;
  const usersWithout = `${without} ${without === 1 ? "user hasn't" : "users haven't"} set it up`;

  return (
    <div className="space-y-2 border-t border-slate-100 pt-5">
      <h3 className="text-sm font-semibold text-slate-900">For every user</h3>
      <label className="flex items-start gap-3 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
          checked={asked ?? data.required}
          disabled={!data.can_change || change.isPending}
          title={permission.reason}
          onChange={(event) => {
            setAsked(event.target.checked);
            change.mutate({ required: event.target.checked });
          }}
        />
        <span>
          Require two-factor sign-in
          <span className="block text-xs text-slate-500">
            {data.required
              ? without === 0
                ? "Every user uses it."
                : `${usersWithout}: they are asked to before anything else.`
              : without === 0
                ? "Every user already uses it."
                : `${usersWithout}. Once required, they must before anything else.`}
          </span>
        </span>
      </label>
      {!data.can_change ? <p className="text-xs text-slate-500">{permission.reason}</p> : null}
      {change.error ? <Alert tone="error">{errorMessage(change.error)}</Alert> : null}
    </div>
  );
}
