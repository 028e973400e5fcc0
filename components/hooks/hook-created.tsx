"use client";
// What creating a hook answers, on the admin's create page and in the portal alike: whether the
// target confirmed the handshake, the signing secret this once, and the way on.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { hookTitle } from "./hook-title";
import { SecretReveal } from "./secret-reveal";

export function HookCreated({
  hook,
  openHref,
  doneLabel,
  onDone,
}: {
  hook: { id: string; name: string | null; target_url: string; status: string; secret: string };
  /** The new hook's page. */
  openHref: string;
  doneLabel: string;
  onDone: () => void;
}) {
  return (
    <div className="space-y-4" data-testid="hook-created">
      {hook.status === "active" ? (
        <Alert tone="success">
          <strong className="font-semibold">The hook is active.</strong> The target answered the handshake and
          echoed X-Hook-Secret; the next matching contact change is delivered to it.
        </Alert>
      ) : (
        <Alert tone="warning">
          <strong className="font-semibold">The hook is unconfirmed.</strong> The target answered the
          handshake with 2xx but did not echo the X-Hook-Secret header, so nothing is delivered to it yet. The
          secret below is what the target received: paste it into the confirm form on the hook's page, or make
          the receiver echo the header and create the hook again.
        </Alert>
      )}
      <Card title={hookTitle(hook)} description={hook.target_url}>
        <SecretReveal secret={hook.secret} />
        <div className="mt-4 flex flex-wrap items-center gap-2">
          <ButtonLink href={openHref}>Open hook</ButtonLink>
          <Button variant="secondary" onClick={onDone}>
            {doneLabel}
          </Button>
          <CopyButton value={hook.id} label="Copy hook id" />
        </div>
      </Card>
    </div>
  );
}
