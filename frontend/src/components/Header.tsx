import type { User } from "../api";
import { LogoutButton } from "./LogoutButton";

export function Header({ user }: { user: User | null }) {
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="app-logo" aria-hidden="true">
          ▣
        </span>
        AWS Architecture Designer
      </h1>
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
