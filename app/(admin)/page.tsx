import { redirect } from "next/navigation";

// The dashboard will live here; until then the home page is the contact list.
export default function HomePage() {
  redirect("/contacts");
}
