"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { formatAbsolute } from "@/components/ui/time-zone";

const BROWSER = "";

/** The signed-in admin's time zone for every absolute time in the admin pages. */
export function TimeZoneCard({ zone, zones }: { zone: string | null; zones: readonly string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choice, setChoice] = useState(zone ?? BROWSER);
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  // Known only in the browser; the server renders without it.
  useEffect(() => setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const save = useMutation(trpc.user.setTimeZone.mutationOptions({ onSuccess: () => router.refresh() }));
  const sample = new Date().toISOString();

  return (
    <Card title="Time zone" description="Absolute times in these pages: 24 h, with the zone named.">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ timeZone: choice === BROWSER ? null : choice });
        }}
      >
        <Field
          label="Show times in"
          htmlFor="time-zone"
          hint={
            browserZone
              ? `Now: ${formatAbsolute(sample, choice === BROWSER ? undefined : choice)}`
              : undefined
          }
        >
          <Select id="time-zone" value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value={BROWSER}>This browser's zone{browserZone ? ` (${browserZone})` : ""}</option>
            {zones.map((name) => (
              <option key={name} value={name}>
                {name.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
        {save.isSuccess && !save.isPending ? <Alert tone="success">Saved.</Alert> : null}
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save time zone"}
        </Button>
      </form>
    </Card>
  );
}
