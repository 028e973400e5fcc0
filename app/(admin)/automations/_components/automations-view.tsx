"use client";
import { useState } from "react";
import { NotAllowed, usePermission } from "../../_components/role";
import { AutomationForm, type AutomationRule } from "./automation-form";
import { AutomationList } from "./automation-list";

/** The form beside the list; Edit on a rule turns the form into that rule's. */
export function AutomationsView() {
  const [editing, setEditing] = useState<AutomationRule | null>(null);
  const write = usePermission("automations.write");
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      {write.allowed ? (
        <AutomationForm editing={editing} onDone={() => setEditing(null)} />
      ) : (
        <NotAllowed action="automations.write" />
      )}
      <AutomationList onEdit={setEditing} />
    </div>
  );
}
