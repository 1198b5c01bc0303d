import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { type Me, useSignOut } from '../session/session';

/** The signed-in user's name, role, sessions and sign-out, behind one disclosure button. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !container.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={container}>
      <button type="button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        {me.name} <span className="role">({t(`roles.${me.role}`)})</span>
      </button>
      <ul id={menuId} className="user-menu-list" hidden={!open}>
        <li className="user-menu-email">{me.email}</li>
        <li>
          <Link to="/sessions">{t('nav.sessions')}</Link>
        </li>
        <li>
          <button
            type="button"
            onClick={async () => {
              await signOut().catch(() => undefined);
              await navigate('/sign-in');
            }}
          >
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}
