import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AutoAckPage } from '../autoack/AutoAckPage';
import { AuditPage } from './AuditPage';
import { SlaPage } from './SlaPage';
import { SourcesPage } from './SourcesPage';
import { TemplatesPage } from './TemplatesPage';
import { UsersPage } from './UsersPage';
import { TagsAdmin } from '../tags/TagsAdmin';

/** The admin screens: a chunk of its own, loaded when an admin opens them. */
export default function AdminPage() {
  const { t } = useTranslation();
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <NavLink to="/admin/sources">{t('admin.sources')}</NavLink>
        <NavLink to="/admin/sla">{t('admin.sla')}</NavLink>
        <NavLink to="/admin/users">{t('admin.users')}</NavLink>
        <NavLink to="/admin/templates">{t('admin.templates')}</NavLink>
        <NavLink to="/admin/tags">{t('tags.admin')}</NavLink>
        <NavLink to="/admin/auto-ack">{t('autoAck.nav')}</NavLink>
        <NavLink to="/admin/audit">{t('admin.audit')}</NavLink>
      </nav>
      <main className="page admin-page">
        <Routes>
          <Route index element={<Navigate to="/admin/sources" replace />} />
          <Route path="sources/*" element={<SourcesPage />} />
          <Route path="sla" element={<SlaPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="tags" element={<TagsAdmin />} />
          <Route path="auto-ack" element={<AutoAckPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<Navigate to="/admin/sources" replace />} />
        </Routes>
      </main>
    </div>
  );
}
