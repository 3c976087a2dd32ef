import { EditorPage } from "../editor/EditorPage";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { DesignsPage } from "./DesignsPage";
import { Header } from "./Header";

/** The design a path opens in the editor (`/designs/<id>/`), or null for the designs page. */
export function designInPath(path: string): string | null {
  const match = /^\/designs\/([0-9a-f-]{36})\/?$/i.exec(path);
  return match ? match[1]! : null;
}

export function App() {
  const user = useCurrentUser();
  const designId = designInPath(window.location.pathname);
  if (designId) {
    return (
      <>
        <Header user={user} />
        <main className="editor-page">
          <EditorPage designId={designId} />
        </main>
      </>
    );
  }
  return (
    <>
      <Header user={user} />
      <main className="page">
        <DesignsPage />
      </main>
    </>
  );
}
