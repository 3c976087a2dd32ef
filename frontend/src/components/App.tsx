import { useCurrentUser } from "../hooks/useCurrentUser";
import { DesignsPage } from "./DesignsPage";
import { Header } from "./Header";

export function App() {
  const user = useCurrentUser();
  return (
    <>
      <Header user={user} />
      <main className="page">
        <DesignsPage />
      </main>
    </>
  );
}
