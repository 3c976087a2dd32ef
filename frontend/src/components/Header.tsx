import { teamsPagePath, type User } from "../api";
import "./header.css";
import { LogoutButton } from "./LogoutButton";

/** The app's pages, as the header links to them; `current` says whether a path is (in) that page. */
const PAGES = [
  { label: "Designs", href: "/", current: (path: string) => path === "/" },
  { label: "Teams", href: teamsPagePath(), current: (path: string) => path.startsWith(teamsPagePath()) },
];

interface HeaderProps {
  user: User | null;
  /** The page's path, which marks its link as the current page (by default the browser's). */
  path?: string;
}

export function Header({ user, path = window.location.pathname }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <h1 className="app-title">
          <span className="app-logo" aria-hidden="true">
            ▣
          </span>
          AWS Architecture Designer
        </h1>
        <nav className="app-nav" aria-label="Main">
          {PAGES.map((page) => (
            <a
              key={page.href}
              className="app-nav-link"
              href={page.href}
              aria-current={page.current(path) ? "page" : undefined}
            >
              {page.label}
            </a>
          ))}
        </nav>
      </div>
      <div className="app-user">
        {user && (
          <span className="app-username" title={user.email || undefined}>
            <span className="visually-hidden">Logged in as </span>
            {user.username}
          </span>
        )}
        <LogoutButton />
      </div>
    </header>
  );
}
