import { EditorPage } from "../editor/EditorPage";
import { SharedDesignPage } from "../editor/SharedDesignPage";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { DesignsPage } from "./DesignsPage";
import { Header } from "./Header";
import { TeamsPage } from "./TeamsPage";

/** What a path shows: the designs page, a design in the editor, a share link's design, or the teams page. */
export type Route =
  | { page: "designs" }
  | { page: "editor"; designId: string }
  | { page: "shared"; token: string }
  | { page: "teams" };

/** The design a path opens in the editor (`/designs/<id>/`), or null for the designs page. */
export function designInPath(path: string): string | null {
  const match = /^\/designs\/([0-9a-f-]{36})\/?$/i.exec(path);
  return match ? match[1]! : null;
}

/** The token of a share link's page (`/s/<token>/`, the token in URL-safe base64), or null. */
export function shareTokenInPath(path: string): string | null {
  const match = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  return match ? match[1]! : null;
}

export function routeOf(path: string): Route {
  const designId = designInPath(path);
  if (designId) return { page: "editor", designId };
  const token = shareTokenInPath(path);
  if (token) return { page: "shared", token };
  // The teams page reads which team (`/teams/<uuid>/`) from the path itself.
  if (/^\/teams(?:\/|\/[0-9a-f-]{36}\/?)?$/i.test(path)) return { page: "teams" };
  return { page: "designs" };
}

export function App() {
  const route = routeOf(window.location.pathname);
  // A share link's page is for anyone with the link: nobody is asked who they are, and it has its own header.
  if (route.page === "shared") return <SharedDesignPage token={route.token} />;
  return <SignedInApp route={route} />;
}

function SignedInApp({ route }: { route: Exclude<Route, { page: "shared" }> }) {
  const user = useCurrentUser();
  return (
    <>
      <Header user={user} />
      {route.page === "editor" ? (
        <main className="editor-page">
          <EditorPage designId={route.designId} />
        </main>
      ) : (
        <main className="page">{route.page === "teams" ? <TeamsPage /> : <DesignsPage />}</main>
      )}
    </>
  );
}
