// Generated from the server's OpenAPI document by `npm run api:types`; do not edit.
export interface paths {
    "/api/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgentsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/{id}/languages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["AgentsController_setLanguages"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgentsController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agents/me/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["AgentsController_setStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AlertRulesController_list"];
        put?: never;
        post: operations["AlertRulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AlertRulesController_get"];
        put?: never;
        post?: never;
        delete: operations["AlertRulesController_remove"];
        options?: never;
        head?: never;
        patch: operations["AlertRulesController_update"];
        trace?: never;
    };
    "/api/alert-rules/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AlertRulesController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-rules/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AlertRulesController_defaults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AlertsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AlertsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}/mark-sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AlertsController_markSent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AlertsController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analysis/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AnalysisController_labels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analysis/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AnalysisController_models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analysis/retrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AnalysisController_retrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analysis/review-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AnalysisReviewController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assignment/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgentsController_teams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assignment/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["AgentsController_setTeam"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuditController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["AuthController_updateProfile"];
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-ack/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AutoAckController_list"];
        put?: never;
        post: operations["AutoAckController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-ack/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["AutoAckController_update"];
        trace?: never;
    };
    "/api/contacts/{id}/unlink": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContactsController_unlink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContactsController_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConversationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConversationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["ConversationsController_update"];
        trace?: never;
    };
    "/api/conversations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ConversationsController_addNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ConversationsController_reassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["RepliesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ConversationTagsController_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["ConversationTagsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ConversationsController_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CustomersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CustomersController_addNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}/notes/{noteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["CustomersController_editNote"];
        trace?: never;
    };
    "/api/customers/{id}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CustomersController_suggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}/suggestions/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CustomersController_dismiss"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/demo/storm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DemoController_storm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EventsController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbox/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssigneesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/{sourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["WebhookReceiverController_generic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/items/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["ItemsController_correct"];
        trace?: never;
    };
    "/api/items/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AnalysisReviewController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kb/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KbController_list"];
        put?: never;
        post: operations["KbController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kb/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KbController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["KbController_update"];
        trace?: never;
    };
    "/api/kb/articles/{id}/uses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["KbController_recordUse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kb/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KbController_suggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["NotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["NotificationsController_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["NotificationsController_unread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PresenceController_list"];
        put?: never;
        post: operations["PresenceController_set"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["QuarantineController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["QuarantineController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RepliesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/replies/{id}/mark-delivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["RepliesController_markDelivered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/replies/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["RepliesController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/care/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_agents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/care/backlog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_backlog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/care/breaches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_breaches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/care/first-response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_frt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/care/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_sla"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_forecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/intents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_intents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_items"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sentiment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_sentiment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_getSettings"];
        put: operations["ReportsController_updateSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_tags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_terms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AnalysisReviewController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/saved-views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SavedViewsController_list"];
        put?: never;
        post: operations["SavedViewsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/saved-views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["SavedViewsController_remove"];
        options?: never;
        head?: never;
        patch: operations["SavedViewsController_update"];
        trace?: never;
    };
    "/api/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SlaPoliciesController_list"];
        put?: never;
        post: operations["SlaPoliciesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SlaPoliciesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["SlaPoliciesController_update"];
        trace?: never;
    };
    "/api/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SourcesController_list"];
        put?: never;
        post: operations["SourcesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SourcesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["SourcesController_update"];
        trace?: never;
    };
    "/api/sources/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SourcesController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TagsController_list"];
        put?: never;
        post: operations["TagsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["TagsController_remove"];
        options?: never;
        head?: never;
        patch: operations["TagsController_update"];
        trace?: never;
    };
    "/api/tags/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TagsController_rules"];
        put?: never;
        post: operations["TagsController_createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["TagsController_removeRule"];
        options?: never;
        head?: never;
        patch: operations["TagsController_updateRule"];
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TeamsController_list"];
        put?: never;
        post: operations["TeamsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["TeamsController_remove"];
        options?: never;
        head?: never;
        patch: operations["TeamsController_rename"];
        trace?: never;
    };
    "/api/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TeamsController_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["TeamsController_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TemplatesController_list"];
        put?: never;
        post: operations["TemplatesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["TemplatesController_update"];
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_list"];
        put?: never;
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/webhooks/{platform}/{sourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["WebhookReceiverController_platform"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddMemberDto: {
            /** Format: uuid */
            userId: string;
        };
        AgentRowView: {
            /**
             * Format: uuid
             * @description null: answers given while nobody held the conversation
             */
            agentId: string | null;
            breached: number;
            capacity: number | null;
            compliance: number | null;
            disabled: boolean;
            filter: components["schemas"]["DrillFilterView"];
            /** @description deadlines answered (conversations handled) */
            handled: components["schemas"]["ChangeView"];
            /** @description open conversations held, average of the snapshots */
            loadAvg: number | null;
            loadMax: number | null;
            meanSeconds: number | null;
            medianSeconds: number | null;
            met: number;
            name: string;
            p90Seconds: number | null;
            role: string | null;
            /** @description loadAvg / capacity */
            utilisation: number | null;
        };
        AgentsReportView: {
            agents: components["schemas"]["AgentRowView"][];
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
        };
        AgentStatusView: {
            /** @description users.maxOpenConversations (admins set it in the users API) */
            capacity: number;
            /** Format: date-time */
            changedAt: string | null;
            languages: string[];
            /** @description conversations held that are open or pending */
            load: number;
            name: string;
            /**
             * Format: date-time
             * @description a browser of theirs was last on the live stream
             */
            seenAt: string | null;
            /** @enum {string} */
            state: "online" | "away" | "offline";
            teamIds: string[];
            /** Format: uuid */
            userId: string;
        };
        AlertDetailDto: {
            /** @description its all-clear message, if any */
            allClear?: Record<string, never> | null;
            attempts: number;
            /** @enum {string} */
            channel: "main" | "lead";
            clear: {
                [key: string]: unknown;
            } | null;
            deliveries: components["schemas"]["DeliveryAttemptDto"][];
            /** @description the numbers (kind-specific) */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            firedAt: string;
            id: string;
            /** @enum {string} */
            kind: "negative_spike" | "term_surge" | "tag_surge" | "high_reach" | "sla" | "source_health" | "sla_escalation";
            /** @enum {string} */
            language: "ru" | "en";
            lastError: Record<string, never> | null;
            /** @description the filtered view in Otklik (the Slack button) */
            link: string;
            /** @description the Slack message as it is (or would be) sent: { text, blocks } in Block Kit */
            message: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description when the message is (next) due; later than firedAt in quiet hours
             */
            nextAttemptAt: string;
            /** @description all-clear: the alert it clears */
            parentId: Record<string, never> | null;
            resolvedAt: Record<string, never> | null;
            ruleId: Record<string, never> | null;
            ruleName: Record<string, never> | null;
            samples: components["schemas"]["AlertSampleDto"][];
            /** @description overall, platform:<p>, source:<id>, term:<stems>, item:<id>, sla, source-health:<id> */
            scope: string;
            sentAt: Record<string, never> | null;
            /**
             * @description fired (recorded, message waiting), sending, sent, logged (no webhook: log only), failed, unknown (a worker stopped mid-send: may have arrived), resolved (the condition is over)
             * @enum {string}
             */
            state: "fired" | "sending" | "sent" | "logged" | "failed" | "unknown" | "resolved";
            title: string;
            /** @enum {string} */
            type: "alert" | "all_clear";
        };
        AlertListDto: {
            alerts: components["schemas"]["AlertViewDto"][];
            /** @description cursor of the next page */
            next: Record<string, never> | null;
        };
        AlertRuleViewDto: {
            cooldownMinutes: number;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            id: string;
            /** @enum {string} */
            kind: "negative_spike" | "term_surge" | "tag_surge" | "high_reach" | "sla" | "source_health";
            /** @enum {string} */
            language: "ru" | "en";
            leadWebhook: {
                configured?: boolean;
            };
            name: string;
            /** @description every threshold, defaults filled in */
            params: {
                [key: string]: unknown;
            };
            quietHours: {
                from?: string;
                to?: string;
            } | null;
            sourceId: Record<string, never> | null;
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description the address itself is never returned */
            webhook: {
                configured?: boolean;
                usesDefault?: boolean;
            };
        };
        AlertSampleDto: {
            at?: string;
            author: string;
            conversationId?: Record<string, never> | null;
            itemId?: string;
            platform: string;
            /** @description what the customer wrote (trimmed); render as text */
            text: string;
            /** @description the item on its platform */
            url?: Record<string, never> | null;
        };
        AlertViewDto: {
            /** @description its all-clear message, if any */
            allClear?: Record<string, never> | null;
            attempts: number;
            /** @enum {string} */
            channel: "main" | "lead";
            clear: {
                [key: string]: unknown;
            } | null;
            /** @description the numbers (kind-specific) */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            firedAt: string;
            id: string;
            /** @enum {string} */
            kind: "negative_spike" | "term_surge" | "tag_surge" | "high_reach" | "sla" | "source_health" | "sla_escalation";
            /** @enum {string} */
            language: "ru" | "en";
            lastError: Record<string, never> | null;
            /** @description the filtered view in Otklik (the Slack button) */
            link: string;
            /**
             * Format: date-time
             * @description when the message is (next) due; later than firedAt in quiet hours
             */
            nextAttemptAt: string;
            /** @description all-clear: the alert it clears */
            parentId: Record<string, never> | null;
            resolvedAt: Record<string, never> | null;
            ruleId: Record<string, never> | null;
            ruleName: Record<string, never> | null;
            samples: components["schemas"]["AlertSampleDto"][];
            /** @description overall, platform:<p>, source:<id>, term:<stems>, item:<id>, sla, source-health:<id> */
            scope: string;
            sentAt: Record<string, never> | null;
            /**
             * @description fired (recorded, message waiting), sending, sent, logged (no webhook: log only), failed, unknown (a worker stopped mid-send: may have arrived), resolved (the condition is over)
             * @enum {string}
             */
            state: "fired" | "sending" | "sent" | "logged" | "failed" | "unknown" | "resolved";
            title: string;
            /** @enum {string} */
            type: "alert" | "all_clear";
        };
        AnalysisWhyView: {
            /** @description why the intent label, strongest first */
            intent: components["schemas"]["WhyFeatureView"][];
            /** @description why the sentiment label, strongest first */
            sentiment: components["schemas"]["WhyFeatureView"][];
        };
        AssigneesView: {
            /** @description least loaded first */
            agents: components["schemas"]["AssigneeView"][];
            teams: components["schemas"]["AssigneeTeamView"][];
        };
        AssigneeTeamView: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description open conversations routed to the team */
            open: number;
            /** @description open conversations routed to the team that nobody holds */
            unassigned: number;
        };
        AssigneeView: {
            /** @description how many live conversations they handle well (users.max_open_conversations) */
            capacity: number;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description conversations they hold with status open */
            open: number;
            /** @description conversations they hold with status pending */
            pending: number;
            /** @enum {string} */
            role: "agent" | "admin";
            teamIds: string[];
        };
        AuditEntryView: {
            action: string;
            /**
             * Format: uuid
             * @description null: the system did it
             */
            actorId: string | null;
            actorName: string | null;
            /** Format: date-time */
            at: string;
            data: {
                [key: string]: unknown;
            };
            entityId: string | null;
            entityType: string;
            /** @description a bigint as a string; newest first */
            id: string;
        };
        AuditPageView: {
            entries: components["schemas"]["AuditEntryView"][];
            nextCursor: string | null;
        };
        AutoAckRuleView: {
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            intent: string | null;
            outsideHours: boolean;
            publicComments: boolean;
            /** Format: uuid */
            sourceId: string | null;
            templateEn: string;
            templateRu: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            updatedBy: string | null;
            waitOverMinutes: number | null;
        };
        BacklogPointView: {
            /** Format: date-time */
            end: string;
            filter: components["schemas"]["DrillFilterView"];
            /** @description the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00 */
            label: string;
            openAvg: number | null;
            openLast: number | null;
            openMax: number | null;
            overdueLast: number | null;
            overdueMax: number | null;
            pendingLast: number | null;
            /** @description snapshots in the bucket (one an hour) */
            snapshots: number;
            snoozedLast: number | null;
            /** Format: date-time */
            start: string;
            unassignedLast: number | null;
        };
        BacklogReportView: {
            points: components["schemas"]["BacklogPointView"][];
            range: components["schemas"]["RangeView"];
        };
        BacktestView: {
            actualTotal: number;
            forecastTotal: number;
            hours: number;
            /** @description mean absolute percentage error over hours with items */
            mape: number | null;
            wape: number | null;
            /** Format: date */
            week: string;
        };
        BreachesReportView: {
            breaches: components["schemas"]["BreachView"][];
            nextCursor: string | null;
            range: components["schemas"]["RangeView"];
        };
        BreachView: {
            /** Format: uuid */
            agentId: string | null;
            agentName: string | null;
            /** Format: date-time */
            breachedAt: string | null;
            /** Format: uuid */
            conversationId: string;
            /** Format: date-time */
            dueAt: string | null;
            intent: string;
            /** @description answered this long after the deadline */
            lateSeconds: number | null;
            platform: string;
            /** Format: date-time */
            respondedAt: string | null;
            responseSeconds: number | null;
            /** Format: uuid */
            sourceId: string;
            sourceName: string | null;
            /**
             * Format: date-time
             * @description when the clock started (the customer wrote)
             */
            startedAt: string;
        };
        BulkConversationsDto: {
            /** @enum {string} */
            action: "resolve" | "assign" | "tag" | "untag";
            /**
             * Format: uuid
             * @description assign: the new holder (null releases); taking follows the same rules as PATCH
             */
            assigneeId?: string | null;
            conversationIds: string[];
            /** @description admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity */
            overCapacity?: boolean;
            /**
             * Format: uuid
             * @description tag and untag: the tag
             */
            tagId?: string;
        };
        BulkOutcomeView: {
            /** @enum {string} */
            action: "resolve" | "assign" | "tag" | "untag";
            failed: number;
            /** @description in the order asked */
            results: components["schemas"]["BulkResultView"][];
            succeeded: number;
        };
        BulkResultView: {
            /** @description why not, for machines: the single request's error code (e.g. at_capacity), if it had one */
            code: string | null;
            /** @description why not, in words */
            error: string | null;
            /** Format: uuid */
            id: string;
            ok: boolean;
            /** @description the status this conversation alone would have got (200, 404, 409, 400) */
            status: number;
        };
        CarePointView: {
            breached: number;
            compliance: number | null;
            /** Format: date-time */
            end: string;
            filter: components["schemas"]["DrillFilterView"];
            /** @description the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00 */
            label: string;
            medianSeconds: number | null;
            met: number;
            p90Seconds: number | null;
            responded: number;
            /** Format: date-time */
            start: string;
        };
        ChangePasswordDto: {
            /** Format: password */
            currentPassword: string;
            /** Format: password */
            newPassword: string;
        };
        ChangeView: {
            /** @description current − previous */
            change: number | null;
            /** @description (current − previous) / |previous|; null from 0 */
            changeRatio: number | null;
            current: number | null;
            previous: number | null;
        };
        CompanySettingsView: {
            brandWords: string[];
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ContactView: {
            displayName: string | null;
            externalId: string;
            id: string;
            platform: string;
            username: string | null;
        };
        ConversationDetailsView: {
            conversation: components["schemas"]["ConversationView"];
            /** @description oldest first */
            items: components["schemas"]["ItemView"][];
            /**
             * Format: date-time
             * @description server time of this read: send it as a reply's loadedAt (the collision guard)
             */
            loadedAt: string;
            /** @description internal: never sent to the platform */
            notes: components["schemas"]["NoteView"][];
            otherConversations: components["schemas"]["OtherConversationView"][];
            /** @description the post the comments answer; null for messages, or while the platform cannot tell */
            post: components["schemas"]["PostContextView"] | null;
            replies: components["schemas"]["TimelineReplyView"][];
            /** @description the SLA clock events, oldest first (the timeline shows them) */
            slaEvents: components["schemas"]["SlaEventView"][];
        };
        ConversationFilterDto: {
            /** @description `me`, `unassigned` or a user id */
            assignee?: string;
            /**
             * Format: date-time
             * @description conversations with messages at or after this time
             */
            from?: string;
            /** @enum {string} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
            /**
             * @description the language of the conversation's newest customer message
             * @enum {string}
             */
            language?: "ru" | "en" | "mixed" | "translit" | "other";
            /** @description vk, telegram, youtube, webhook, ... */
            platform?: string;
            /** @description search words: full text of every message (Russian and English word forms), plus part of a customer's name or username and of an order number */
            q?: string;
            /** @enum {string} */
            sentiment?: "negative" | "neutral" | "positive";
            /**
             * @description a running clock: on_track (under 80 % of the time used), at_risk (80 % or more), breached (past due)
             * @enum {string}
             */
            sla?: "on_track" | "at_risk" | "breached";
            /** Format: uuid */
            sourceId?: string;
            /**
             * @default open
             * @enum {string}
             */
            status?: "open" | "pending" | "snoozed" | "resolved" | "all";
            /** Format: uuid */
            tagId?: string;
            /** Format: uuid */
            teamId?: string;
            /**
             * Format: date-time
             * @description …and before this time
             */
            to?: string;
        };
        ConversationTagView: {
            /** @description #rrggbb */
            color: string;
            /**
             * Format: date-time
             * @description when it was put on
             */
            createdAt: string;
            /**
             * Format: uuid
             * @description who put it on; null: an auto-tag rule
             */
            createdBy: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * Format: uuid
             * @description the auto-tag rule that put it on
             */
            ruleId: string | null;
        };
        ConversationView: {
            /**
             * Format: date-time
             * @description the holder's last action (reply, note, status)
             */
            agentActionAt: string | null;
            /**
             * Format: date-time
             * @description given to its holder
             */
            assignedAt: string | null;
            /** Format: uuid */
            assigneeId: string | null;
            contact: components["schemas"]["ContactView"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            customerId: string | null;
            /**
             * Format: date-time
             * @description answer by; null: no deadline
             */
            dueAt: string | null;
            /** Format: date-time */
            firstMessageAt: string | null;
            /** Format: date-time */
            firstResponseAt: string | null;
            firstResponseSeconds: number | null;
            /** Format: uuid */
            id: string;
            /** @description an intent label (GET /api/analysis/labels) */
            intent: string | null;
            /** @description the newest customer message's language (ru, en, mixed, translit, other) */
            language: string | null;
            /** Format: date-time */
            lastCustomerMessageAt: string | null;
            /** Format: date-time */
            lastMessageAt: string | null;
            needsResponse: boolean;
            /** @description vk, telegram, webhook, ... */
            platform: string;
            priority: number;
            /** Format: date-time */
            resolvedAt: string | null;
            /** @description a sentiment label */
            sentimentLabel: string | null;
            /** Format: date-time */
            slaBreachedAt: string | null;
            /** Format: date-time */
            slaStartedAt: string | null;
            /**
             * Format: date-time
             * @description the clock passed 50 % of its time
             */
            slaWarned50At: string | null;
            /**
             * Format: date-time
             * @description the clock passed 80 % of its time
             */
            slaWarned80At: string | null;
            /** Format: date-time */
            snoozedUntil: string | null;
            /** Format: uuid */
            sourceId: string;
            sourceName: string;
            /** @enum {string} */
            status: "open" | "pending" | "snoozed" | "resolved";
            subject: string | null;
            /** @description by name */
            tags: components["schemas"]["ConversationTagView"][];
            /** Format: uuid */
            teamId: string | null;
            threadKey: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CorrectAnalysisDto: {
            /** @enum {string} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
            /** @enum {string} */
            sentiment?: "negative" | "neutral" | "positive";
        };
        CorrectionView: {
            intent: string | null;
            itemId: string;
            sentiment: string | null;
        };
        CreateAlertRuleDto: {
            /**
             * @description after an all-clear, the same scope stays quiet this long
             * @default 60
             */
            cooldownMinutes?: number;
            /** @default true */
            enabled?: boolean;
            /** @enum {string} */
            kind: "negative_spike" | "term_surge" | "tag_surge" | "high_reach" | "sla" | "source_health";
            /**
             * @description language of the messages
             * @default ru
             * @enum {string}
             */
            language?: "ru" | "en";
            /** @description SLA rules: the lead channel for escalations (default: the rule channel). Write-only, encrypted. */
            leadWebhookUrl?: Record<string, never> | null;
            /** @example Всплески негатива во ВКонтакте */
            name: string;
            /** @description Thresholds of the kind (absent keys take the defaults, see GET /api/alert-rules/defaults). negative_spike: windowMinutes, baselineWeeks, minNegatives, minRatio, minShareLift, sensitivity (low|medium|high), clearRatio, scopes (overall|platform|source). term_surge: windowMinutes, minCount, minAuthors, minRatio, sensitivity, watch (phrases of 1–2 words), discover, maxAlertsPerRun, clearRatio. tag_surge: windowMinutes, minCount, minAuthors, minRatio, sensitivity, tags (tag ids; empty: every tag), maxAlertsPerRun, clearRatio. high_reach: minReach, lookbackHours. sla: windowMinutes, events (warning_50|warning_80|breach), escalateAfterMinutes. source_health: silentMinutes. */
            params?: {
                [key: string]: unknown;
            };
            /** @description messages wait until these end */
            quietHours?: components["schemas"]["QuietHoursDto"] | null;
            /** @description only this source; null or absent: every source */
            sourceId?: Record<string, never> | null;
            /** @default Europe/Moscow */
            timeZone?: string;
            /** @description Slack incoming-webhook URL for this rule (https). Stored encrypted, never returned or logged. Absent or null: SLACK_WEBHOOK_URL; neither: the alert is only recorded and logged. */
            webhookUrl?: Record<string, never> | null;
        };
        CreateAutoAckRuleDto: {
            /** @default true */
            enabled?: boolean;
            /**
             * @description null: every intent
             * @enum {string|null}
             */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /**
             * @description acknowledge messages written outside the SLA calendar’s hours
             * @default true
             */
            outsideHours?: boolean;
            /**
             * @description public comments too (default: direct messages only)
             * @default false
             */
            publicComments?: boolean;
            /**
             * Format: uuid
             * @description null: every source
             */
            sourceId?: string | null;
            /** @description English text; {when} becomes e.g. "by 10:00 tomorrow" */
            templateEn: string;
            /** @description Russian text; {when} becomes e.g. «до 10:00 завтра» */
            templateRu: string;
            /** @description acknowledge when the expected wait is at least this many minutes (null: never for the wait) */
            waitOverMinutes?: number | null;
        };
        CreatedSourceView: {
            /** @description the community, bot or account the credentials belong to */
            accountName: string;
            consecutiveFailures: number;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            /** @description temporary, rate_limited, auth_revoked, configuration, bad_cursor, ... */
            lastErrorCode: string | null;
            /** Format: date-time */
            lastSyncedAt: string | null;
            name: string;
            /** @description vk, telegram, webhook */
            platform: string;
            /** @description platforms with a daily API quota (YouTube): what is spent and left today */
            quota?: components["schemas"]["SourceQuotaView"];
            settings: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "healthy" | "throttled" | "degraded" | "needs_attention" | "disabled";
            /** Format: date-time */
            statusChangedAt: string;
            /** @description the last error's message */
            statusReason: string | null;
            /** Format: date-time */
            throttledUntil: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        CreateKbArticleDto: {
            /** @description plain text; paragraphs separated by blank lines */
            body: string;
            /**
             * @default ru
             * @enum {string}
             */
            locale?: "ru" | "en";
            tags?: string[];
            title: string;
            /** @description the public help-centre page, https */
            url?: string | null;
        };
        CreateNoteDto: {
            text?: string;
        };
        CreateReplyDto: {
            /** @description send even though the item was answered since loadedAt (the agent confirmed) */
            force?: boolean;
            /** @description the item answered; default: the newest customer item */
            inReplyToItemId?: string;
            /**
             * Format: date-time
             * @description when the agent loaded the conversation (its `loadedAt`): a company reply to the same item since then is a 409 already_answered
             */
            loadedAt?: string;
            /**
             * @description conversation status once delivered; default pending (waiting on the customer)
             * @enum {string}
             */
            statusAfter?: "open" | "pending" | "resolved";
            /** @description plain text, sent as the company account */
            text: string;
        };
        CreateSavedViewDto: {
            /** @description GET /api/conversations filters */
            filters: components["schemas"]["ConversationFilterDto"];
            name: string;
            /**
             * @description team and everyone: admins only
             * @default personal
             * @enum {string}
             */
            scope?: "personal" | "team" | "everyone";
            /**
             * Format: uuid
             * @description the team, for scope team
             */
            teamId?: string;
        };
        CreateSlaPolicyDto: {
            /**
             * @description business calendar; null or absent: 24/7
             * @example {
             *       "timeZone": "Europe/Moscow",
             *       "week": {
             *         "mon": [
             *           {
             *             "from": "09:00",
             *             "to": "13:00"
             *           },
             *           {
             *             "from": "14:00",
             *             "to": "18:00"
             *           }
             *         ]
             *       },
             *       "productionCalendar": "RU"
             *     }
             */
            calendar?: {
                [key: string]: unknown;
            } | null;
            /** @default true */
            enabled?: boolean;
            /**
             * @description working minutes to the first answer
             * @example 60
             */
            firstResponseMinutes: number;
            /**
             * @description null or absent: every intent
             * @enum {string|null}
             */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /** @example VK complaints */
            name: string;
            /** @default true */
            pauseWhilePending?: boolean;
            /**
             * @description at breach, hand the conversation to another agent
             * @default false
             */
            reassignOnBreach?: boolean;
            /** @description null or absent: every source */
            sourceId?: string | null;
        };
        CreateSourceDto: {
            /** @description VK: { accessToken }; Telegram: { botToken }; webhook: { secret }. Sealed, never shown again */
            credentials?: {
                [key: string]: unknown;
            };
            name: string;
            /**
             * @description vk, telegram or webhook
             * @example vk
             */
            platform: string;
            /** @description VK: { groupId }; Telegram: {}; webhook: {} */
            settings?: {
                [key: string]: unknown;
            };
        };
        CreateTagDto: {
            /**
             * @default #888888
             * @example #d9480f
             */
            color?: string;
            /** @description unique, case-insensitive */
            name: string;
        };
        CreateTagRuleDto: {
            /** @default true */
            enabled?: boolean;
            /** @enum {string|null} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /** @description a word or phrase, matched on stems (Russian and English): "интернет" finds "интернета" */
            phrase?: string | null;
            /** @enum {string|null} */
            sentiment?: "negative" | "neutral" | "positive" | null;
            /** Format: uuid */
            sourceId?: string | null;
            /** Format: uuid */
            tagId: string;
        };
        CreateTemplateDto: {
            body: string;
            /** @enum {string|null} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /**
             * @default ru
             * @enum {string}
             */
            locale?: "ru" | "en";
            name: string;
            /** @description typed in the reply box, e.g. `thanks` */
            shortcut?: string | null;
        };
        CreateUserDto: {
            /** @example anna@example.com */
            email: string;
            /** @description a care lead: told of breaches, reads reports and alerts */
            isLead?: boolean;
            /** @enum {string} */
            locale: "ru" | "en";
            /** @default 6 */
            maxOpenConversations?: number;
            /** @example Anna Petrova */
            name: string;
            /** Format: password */
            password: string;
            /** @enum {string} */
            role: "admin" | "agent" | "analyst";
        };
        CustomerContactView: {
            conversationCount: number;
            /** Format: date-time */
            createdAt: string;
            displayName: string | null;
            externalId: string;
            /** Format: uuid */
            id: string;
            platform: string;
            username: string | null;
        };
        CustomerConversationView: {
            /** Format: uuid */
            contactId: string | null;
            /** Format: date-time */
            firstMessageAt: string | null;
            /** Format: uuid */
            id: string;
            intent: string | null;
            /** Format: date-time */
            lastMessageAt: string | null;
            /** @description customer text: render as text */
            lastText: string | null;
            platform: string;
            sentimentLabel: string | null;
            /** Format: uuid */
            sourceId: string;
            sourceName: string;
            /** @enum {string} */
            status: "open" | "pending" | "snoozed" | "resolved";
            subject: string | null;
        };
        CustomerItemView: {
            authorName: string | null;
            /** Format: uuid */
            conversationId: string;
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /** @description a bigint as a string */
            id: string;
            intent: string | null;
            kind: string;
            platform: string;
            sentimentLabel: string | null;
            sentimentScore: number | null;
            /** @description customer text: render as text */
            text: string;
        };
        CustomerNoteDto: {
            text: string;
        };
        CustomerNoteView: {
            /** Format: uuid */
            authorId: string | null;
            authorName: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            customerId: string;
            /** @description earlier texts, oldest first */
            history: components["schemas"]["NoteVersionView"][];
            /** Format: uuid */
            id: string;
            text: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            updatedBy: string | null;
        };
        CustomerSentimentPointView: {
            /** Format: date-time */
            at: string;
            /** @description positive, neutral or negative */
            label: string;
            score: number | null;
        };
        CustomerSummaryView: {
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            /** Format: uuid */
            id: string;
        };
        CustomerView: {
            /** @description the person on every platform */
            contacts: components["schemas"]["CustomerContactView"][];
            /** @description newest first */
            conversations: components["schemas"]["CustomerConversationView"][];
            customer: components["schemas"]["CustomerSummaryView"];
            /** @description every conversation’s items, newest first (200 at most) */
            items: components["schemas"]["CustomerItemView"][];
            /** @description newest first; never deleted */
            notes: components["schemas"]["CustomerNoteView"][];
            /** @description the customer’s own messages, oldest first */
            sentiment: components["schemas"]["CustomerSentimentPointView"][];
        };
        DeliveryAttemptDto: {
            attempt: number;
            /** @enum {string} */
            channel: "main" | "lead";
            error: Record<string, never> | null;
            finishedAt: Record<string, never> | null;
            httpStatus: Record<string, never> | null;
            /** @enum {string|null} */
            outcome: "sent" | "logged" | "retry" | "failed" | "unknown" | null;
            /** Format: date-time */
            startedAt: string;
            worker: Record<string, never> | null;
        };
        DismissSuggestionDto: {
            /**
             * Format: uuid
             * @description the suggested contact that is not this person
             */
            contactId: string;
        };
        DrillFilterView: {
            /**
             * Format: uuid
             * @description an agent (the conversations they answered)
             */
            assignee?: string;
            /** Format: date-time */
            from: string;
            intent?: string;
            language?: string;
            platform?: string;
            /** @description search words */
            q?: string;
            sentiment?: string;
            /** Format: uuid */
            sourceId?: string;
            /** @description all: every status (reports count resolved conversations too) */
            status?: string;
            /** Format: uuid */
            tagId?: string;
            /** @description a term of the terms report (its stems) */
            term?: string;
            /** Format: date-time */
            to: string;
        };
        ForecastAssumptionsView: {
            capacity: number;
            handleMinutes: number;
            slaMinutes: number;
            target: number;
        };
        ForecastHourView: {
            agentsNeeded: number;
            /** @description items needing an answer expected in the hour */
            expected: number;
            /** @description Monday 00:00 = 0 */
            hourOfWeek: number;
            label: string;
            /** @description more agents needed than the team has */
            overCapacity: boolean;
            /** Format: date-time */
            start: string;
        };
        ForecastReportView: {
            assumptions: components["schemas"]["ForecastAssumptionsView"];
            /** @description the last past week, forecast from the weeks before it */
            backtest: components["schemas"]["BacktestView"] | null;
            historyWeeks: number;
            hours: components["schemas"]["ForecastHourView"][];
            peakAgents: number;
            team: components["schemas"]["TeamView"];
            timeZone: string;
            total: number;
            /** @description items per week, per week */
            trendPerWeek: number;
            /** Format: date */
            week: string;
        };
        FrtBucketView: {
            count: number;
            fromSeconds: number;
            previousCount: number | null;
            /** @description exclusive; null: open */
            toSeconds: number | null;
        };
        FrtReportView: {
            histogram: components["schemas"]["FrtBucketView"][];
            meanSeconds: components["schemas"]["ChangeView"];
            /** @description seconds, read from the histogram */
            medianSeconds: components["schemas"]["ChangeView"];
            p90Seconds: components["schemas"]["ChangeView"];
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
            responded: components["schemas"]["ChangeView"];
            trend: components["schemas"]["CarePointView"][];
        };
        InboxEventView: {
            /** Format: date-time */
            at: string;
            conversationIds: string[];
            /** @description items.stored: inserted, edited, newInbound; conversation.updated: changes; reply.updated: replyId, status; note.created: noteId; item.corrected: itemId; conversation.reassigned: previousAssigneeId, assigneeId, by; notification.created: userIds */
            data: {
                [key: string]: unknown;
            };
            /** @description a bigint as a string; send it back as Last-Event-ID */
            id: string;
            /** @enum {string} */
            type: "items.stored" | "conversation.updated" | "reply.updated" | "note.created" | "item.corrected" | "conversation.reassigned" | "notification.created";
        };
        IntentCountsView: {
            complaint: number;
            other: number;
            praise: number;
            sales_question: number;
            spam: number;
            support_question: number;
            /** @description not analysed */
            unknown: number;
        };
        IntentPointView: {
            counts: components["schemas"]["IntentCountsView"];
            /** Format: date-time */
            end: string;
            /** @description add intent=… for one segment */
            filter: components["schemas"]["DrillFilterView"];
            /** @description the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00 */
            label: string;
            /** Format: date-time */
            start: string;
            total: number;
        };
        IntentReportView: {
            points: components["schemas"]["IntentPointView"][];
            previous: components["schemas"]["IntentPointView"][];
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
            totals: components["schemas"]["IntentTotalView"][];
        };
        IntentTotalView: {
            count: components["schemas"]["ChangeView"];
            filter: components["schemas"]["DrillFilterView"];
            intent: string;
            share: components["schemas"]["ChangeView"];
        };
        ItemCleaningView: {
            /** @description e.g. text, author.name, raw */
            fields: string[];
            /** @description characters replaced */
            replaced: number;
        };
        ItemView: {
            /** Format: date-time */
            archivedAt: string | null;
            authorExternalId: string | null;
            authorName: string | null;
            /** @description null: stored as received; else which fields held characters that could not be stored */
            cleaned: components["schemas"]["ItemCleaningView"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deadlineAt: string | null;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /** Format: date-time */
            editedAt: string | null;
            externalId: string;
            /** @description a bigint as a string */
            id: string;
            intent: string | null;
            intentConfidence: number | null;
            kind: string;
            language: string | null;
            needsResponse: boolean | null;
            parentExternalId: string | null;
            /** @description vk, telegram, youtube, webhook, ... */
            platform: string;
            previousTexts: components["schemas"]["PreviousTextView"][];
            /** Format: date-time */
            receivedAt: string;
            /**
             * Format: date-time
             * @description when someone confirmed or corrected the analysis
             */
            reviewedAt: string | null;
            /**
             * @description why the item was flagged for review, if it was
             * @enum {string|null}
             */
            reviewReason: "low_intent_confidence" | "sentiment_intent_disagree" | "deadline_escalated" | null;
            sentimentLabel: string | null;
            sentimentScore: number | null;
            /** @description customer text: render as text, never as HTML */
            text: string;
            threadExternalId: string | null;
            /** @description the item's public address on its platform; null for direct messages and private chats */
            url: string | null;
            version: number;
            /** @description the features that decided the labels (null before issue 16) */
            why: components["schemas"]["AnalysisWhyView"] | null;
        };
        KbArticleView: {
            /** Format: date-time */
            archivedAt: string | null;
            /** @description plain text: render as text */
            body: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            locale: "ru" | "en";
            tags: string[];
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            updatedBy: string | null;
            url: string | null;
            /** @description times agents put it into a reply */
            useCount: number;
        };
        KbSuggestionsView: {
            /** @description false: the customer has written nothing to rank by yet */
            hasQuery: boolean;
            /** @description best first, at most 5 */
            suggestions: components["schemas"]["KbSuggestionView"][];
        };
        KbSuggestionView: {
            article: components["schemas"]["KbArticleView"];
            /** @description the paragraph that matches best, for inserting */
            excerpt: string;
            /** @description BM25 relevance to the customer’s latest messages */
            score: number;
        };
        KbUseView: {
            useCount: number;
        };
        LabelsView: {
            intents: ("complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other")[];
            sentiments: ("negative" | "neutral" | "positive")[];
        };
        LinkContactsDto: {
            contactIds: string[];
        };
        LinkResultView: {
            contactIds: string[];
            /** Format: uuid */
            customerId: string;
        };
        LoginDto: {
            /** @example admin@otklik.local */
            email: string;
            /** Format: password */
            password: string;
        };
        MarkDeliveredDto: {
            /** @description the platform's id of the message, if the agent found it */
            platformMessageId?: string;
        };
        MarkedReadView: {
            marked: number;
            ok: boolean;
            unread: number;
        };
        MarkReadDto: {
            /** @description mark every notification read */
            all?: boolean;
            /** @description the notifications to mark read; leave out with all: true */
            ids?: string[];
        };
        MatchReasonView: {
            /** @enum {string} */
            reason: "phone" | "email" | "name";
            /** @description the shared phone (10 digits), e-mail or name */
            value: string;
        };
        NoteVersionView: {
            /**
             * Format: date-time
             * @description when this text was written
             */
            editedAt: string;
            /** Format: uuid */
            editedBy: string | null;
            text: string;
        };
        NoteView: {
            /** Format: uuid */
            authorId: string | null;
            authorName: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            text: string;
        };
        NotificationsPageView: {
            /** @description pass as `before` for the next page */
            nextBefore: string | null;
            notifications: components["schemas"]["NotificationView"][];
            unread: number;
        };
        NotificationView: {
            /** Format: uuid */
            conversationId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description sla_warning: event (warning_80), dueAt; sla_breach: dueAt, priority, reassignedTo, role (assignee | lead); returned_to_queue: idleMinutes */
            data: {
                [key: string]: unknown;
            };
            /** @description a bigint as a string */
            id: string;
            /** @enum {string} */
            kind: "sla_warning" | "sla_breach" | "returned_to_queue";
            /** Format: date-time */
            readAt: string | null;
        };
        OtherConversationView: {
            /** Format: uuid */
            id: string;
            intent: string | null;
            /** Format: date-time */
            lastMessageAt: string | null;
            lastText: string | null;
            platform: string;
            sentimentLabel: string | null;
            /** Format: uuid */
            sourceId: string;
            sourceName: string;
            /** @enum {string} */
            status: "open" | "pending" | "snoozed" | "resolved";
            subject: string | null;
        };
        PostContextView: {
            externalId: string;
            /** Format: date-time */
            postedAt: string | null;
            /** @description the post as published: render as text */
            text: string;
            /** @description the post on its platform */
            url: string | null;
        };
        PresenceView: {
            /** Format: uuid */
            conversationId: string;
            name: string;
            /** @enum {string} */
            state: "viewing" | "typing" | "left";
            /**
             * Format: date-time
             * @description the claim lapses then unless renewed
             */
            until: string;
            /** Format: uuid */
            userId: string;
        };
        PreviousTextView: {
            /** Format: date-time */
            at: string | null;
            text: string;
            version: number;
        };
        PublicUserView: {
            email: string;
            /** Format: uuid */
            id: string;
            isLead: boolean;
            /** @enum {string} */
            locale: "ru" | "en";
            name: string;
            /** @enum {string} */
            role: "admin" | "agent" | "analyst";
        };
        QuarantinedItemView: {
            /** Format: date-time */
            createdAt: string;
            /** @description why it could not be stored */
            error: string;
            /** @description PostgreSQL SQLSTATE, when the database refused it */
            errorCode: string | null;
            /** @description the item's id on the platform, when known */
            externalId: string | null;
            /** @description a bigint as a string; newest first */
            id: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** @description `{v, item}`: the item exactly as the connector produced it, before cleaning (NUL and lone surrogates appear as JSON escapes) */
            payload: {
                [key: string]: unknown;
            } | null;
            /** @description size of the stored payload in bytes */
            payloadBytes: number;
            /** Format: date-time */
            replayedAt: string | null;
            /**
             * Format: uuid
             * @description the admin who replayed it last
             */
            replayedBy: string | null;
            replayError: string | null;
            /** @enum {string|null} */
            replayResult: "stored" | "duplicate" | "failed" | null;
            /** @description how many times this exact payload arrived and failed */
            seenCount: number;
            /** Format: uuid */
            sourceId: string;
        };
        QuarantinePageView: {
            items: components["schemas"]["QuarantinedItemView"][];
            /** @description pass as `cursor` for the next page; null at the end */
            nextCursor: string | null;
        };
        QueueContactView: {
            displayName: string | null;
            username: string | null;
        };
        QueuePageView: {
            conversations: components["schemas"]["QueueRowView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        QueueRowView: {
            /** Format: uuid */
            assigneeId: string | null;
            contact: components["schemas"]["QueueContactView"] | null;
            /**
             * Format: date-time
             * @description answer by; null: no deadline
             */
            dueAt: string | null;
            /** Format: uuid */
            id: string;
            /** @description an intent label (GET /api/analysis/labels) */
            intent: string | null;
            /** @description the newest customer message's language (ru, en, mixed, translit, other) */
            language: string | null;
            /** @enum {string|null} */
            lastDirection: "inbound" | "outbound" | null;
            /** Format: date-time */
            lastMessageAt: string | null;
            lastText: string | null;
            /** @description vk, telegram, webhook, ... */
            platform: string;
            priority: number;
            /** @description a sentiment label */
            sentimentLabel: string | null;
            /** Format: date-time */
            slaBreachedAt: string | null;
            /** Format: date-time */
            slaStartedAt: string | null;
            /** Format: date-time */
            snoozedUntil: string | null;
            sourceName: string;
            /** @enum {string} */
            status: "open" | "pending" | "snoozed" | "resolved";
            subject: string | null;
            /** @description by name */
            tags: components["schemas"]["QueueTagView"][];
            /** Format: uuid */
            teamId: string | null;
        };
        QueueTagView: {
            /** @description #rrggbb */
            color: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        QuietHoursDto: {
            /**
             * @description HH:MM in the rule time zone
             * @example 22:00
             */
            from: string;
            /**
             * @description HH:MM; before `from` spans midnight
             * @example 08:00
             */
            to: string;
        };
        RangeView: {
            /** Format: date-time */
            from: string;
            /** @enum {string} */
            granularity: "hour" | "day" | "week";
            /** @example Europe/Moscow */
            timeZone: string;
            /** Format: date-time */
            to: string;
        };
        ReassignConversationDto: {
            /** @description the new holder (an active agent or admin); null leaves it unassigned */
            assigneeId: string | null;
            /** @description whom it is taken from, as the admin saw it; 409 when someone else holds it by now */
            fromAssigneeId: string | null;
            /** @description admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity */
            overCapacity?: boolean;
        };
        RecordKbUseDto: {
            /** Format: uuid */
            conversationId: string;
            /** @enum {string} */
            kind: "link" | "excerpt";
        };
        ReplayOutcomeView: {
            /** @description why the replay failed */
            error: string | null;
            quarantined: components["schemas"]["QuarantinedItemView"];
            /** @enum {string} */
            result: "stored" | "duplicate" | "failed";
        };
        ReplyView: {
            attempts: number;
            /** Format: uuid */
            authorId: string | null;
            /** @description sent automatically to say when we will answer; not an answer */
            autoAck: boolean;
            /** Format: uuid */
            conversationId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: uuid */
            id: string;
            inReplyToItemId: string | null;
            lastError: string | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            platformMessageId: string | null;
            /** Format: date-time */
            sentAt: string | null;
            /** Format: uuid */
            sourceId: string;
            /** @enum {string} */
            status: "queued" | "sending" | "delivered" | "failed" | "unknown";
            /** @enum {string|null} */
            statusAfter: "open" | "pending" | "resolved" | null;
            text: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ReportItemsView: {
            items: components["schemas"]["ReportItemView"][];
            /** @description the next page; null at the end */
            nextCursor: string | null;
            /** @description items looked at to fill this page (a term is matched after a text prefilter) */
            scanned: number;
        };
        ReportItemView: {
            authorName: string | null;
            /** Format: uuid */
            conversationId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description item id */
            id: string;
            intent: string | null;
            language: string | null;
            platform: string;
            sentiment: string | null;
            /** Format: uuid */
            sourceId: string;
            sourceName: string | null;
            /** @description the customer's words (render as text) */
            text: string;
        };
        ReportModelView: {
            intentAccuracy: number | null;
            modelVersion: string | null;
            reviews: number;
            sentimentAccuracy: number | null;
        };
        ReportWeekView: {
            confirmed: number;
            /** @description reviews that changed a label */
            corrected: number;
            /** @description label corrections (analysis_corrections rows), the retrain’s input */
            corrections: number;
            /** @description items flagged for review that were received this week */
            flagged: number;
            /** @description share of reviewed items whose intent the model had right */
            intentAccuracy: number | null;
            reviews: number;
            /** @description share of reviewed items whose sentiment the model had right */
            sentimentAccuracy: number | null;
            /** @description the Monday the week starts (UTC), YYYY-MM-DD */
            week: string;
        };
        ReviewItemDto: {
            /**
             * @description omit to confirm the model’s intent
             * @enum {string}
             */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
            /**
             * @description omit to confirm the model’s sentiment
             * @enum {string}
             */
            sentiment?: "negative" | "neutral" | "positive";
        };
        ReviewQueueItemView: {
            conversationId: string | null;
            /** @description a bigint as a string */
            id: string;
            /** @enum {string} */
            intent: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
            intentConfidence: number;
            language: string | null;
            modelVersion: string | null;
            platform: string;
            /** Format: date-time */
            receivedAt: string;
            /** @enum {string} */
            reviewReason: "low_intent_confidence" | "sentiment_intent_disagree" | "deadline_escalated";
            /** @enum {string} */
            sentimentLabel: "negative" | "neutral" | "positive";
            /** @description customer text: render as text, never as HTML */
            text: string;
            why: components["schemas"]["AnalysisWhyView"] | null;
        };
        ReviewQueueView: {
            /** @description newest first */
            items: components["schemas"]["ReviewQueueItemView"][];
            /** @description pass as `before` for the next page; null at the end */
            next: string | null;
            /** @description flagged items nobody has reviewed yet (for this reason, if given) */
            waiting: number;
        };
        ReviewReportView: {
            /** @description accuracy on reviewed items per model that analysed them */
            byModel: components["schemas"]["ReportModelView"][];
            /** @description oldest first; weeks without activity included */
            weeks: components["schemas"]["ReportWeekView"][];
        };
        ReviewResultView: {
            /** @description analysis_corrections rows written (they feed the retrain) */
            corrections: number;
            /** @enum {string} */
            intent: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
            itemId: string;
            /** @enum {string} */
            outcome: "confirmed" | "corrected";
            /** @enum {string} */
            sentiment: "negative" | "neutral" | "positive";
        };
        SamePersonSuggestionView: {
            contact: components["schemas"]["SuggestedContactView"];
            reasons: components["schemas"]["MatchReasonView"][];
        };
        SavedViewFiltersView: {
            assignee?: string;
            /** Format: date-time */
            from?: string;
            intent?: string;
            language?: string;
            platform?: string;
            q?: string;
            sentiment?: string;
            sla?: string;
            /** Format: uuid */
            sourceId?: string;
            status?: string;
            /** Format: uuid */
            tagId?: string;
            /** Format: uuid */
            teamId?: string;
            /** Format: date-time */
            to?: string;
        };
        SavedViewListView: {
            countCap: number;
            views: components["schemas"]["SavedViewView"][];
        };
        SavedViewView: {
            /** @description count reached the cap: there are at least that many */
            capped: boolean;
            /** @description conversations it finds now, up to countCap */
            count: number;
            /** Format: date-time */
            createdAt: string;
            /** @description the reader may rename, change or delete it */
            editable: boolean;
            filters: components["schemas"]["SavedViewFiltersView"];
            /** Format: uuid */
            id: string;
            /** @description a default view (the UI names it in the reader’s language) */
            key: string | null;
            name: string;
            /** Format: uuid */
            ownerId: string | null;
            /** @enum {string} */
            scope: "personal" | "team" | "everyone";
            /** Format: uuid */
            teamId: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SentimentPointView: {
            /** Format: date-time */
            end: string;
            filter: components["schemas"]["DrillFilterView"];
            items: number;
            /** @description the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00 */
            label: string;
            needsResponse: number;
            negative: number;
            /** @description (positive − negative) / items with a sentiment, −1…1 */
            netSentiment: number | null;
            neutral: number;
            positive: number;
            /** @description negative / items with a sentiment */
            shareNegative: number | null;
            /** Format: date-time */
            start: string;
        };
        SentimentReportView: {
            groupBy: string;
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
            series: components["schemas"]["SentimentSeriesView"][];
        };
        SentimentSeriesView: {
            /** @description the group value (platform, source id, language); empty without groupBy */
            group: string;
            groupLabel: string;
            points: components["schemas"]["SentimentPointView"][];
            /** @description the previous period, bucket by bucket (empty without compare) */
            previous: components["schemas"]["SentimentPointView"][];
            totals: components["schemas"]["SentimentTotalsView"];
        };
        SentimentTotalsView: {
            items: components["schemas"]["ChangeView"];
            needsResponse: components["schemas"]["ChangeView"];
            negative: components["schemas"]["ChangeView"];
            netSentiment: components["schemas"]["ChangeView"];
            neutral: components["schemas"]["ChangeView"];
            positive: components["schemas"]["ChangeView"];
            shareNegative: components["schemas"]["ChangeView"];
        };
        SessionView: {
            csrfToken: string;
            user: components["schemas"]["PublicUserView"];
        };
        SetAgentStatusDto: {
            /** @description language skills (ISO 639-1, e.g. ru, en); empty: any */
            languages?: string[];
            /**
             * @description online: takes new conversations; away and offline: does not
             * @enum {string}
             */
            state: "online" | "away" | "offline";
        };
        SetLanguagesDto: {
            /** @description language skills (ISO 639-1); empty: any language */
            languages: string[];
        };
        SetPresenceDto: {
            /** Format: uuid */
            conversationId: string;
            /**
             * @description viewing (renew every 10 s), typing, or left
             * @enum {string}
             */
            state: "viewing" | "typing" | "left";
        };
        SlaEventView: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description the deadline the event was raised for
             */
            dueAt: string;
            id: string;
            /** @enum {string} */
            kind: "warning_50" | "warning_80" | "breach";
        };
        SlaPolicyChangeView: {
            policy: components["schemas"]["SlaPolicyView"];
            /** @description running deadlines recomputed for the new target or calendar */
            recomputedClocks: number;
        };
        SlaPolicyView: {
            /** @description business calendar (CalendarSpec); null: 24/7 */
            calendar: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            firstResponseMinutes: number;
            /** Format: uuid */
            id: string;
            /**
             * @description null: every intent
             * @enum {string|null}
             */
            intent: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            name: string;
            pauseWhilePending: boolean;
            /** @description at breach, the conversation goes to another agent */
            reassignOnBreach: boolean;
            /**
             * Format: uuid
             * @description null: every source
             */
            sourceId: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SlaReportView: {
            breached: components["schemas"]["ChangeView"];
            byIntent: components["schemas"]["SlaRowView"][];
            bySource: components["schemas"]["SlaRowView"][];
            compliance: components["schemas"]["ChangeView"];
            met: components["schemas"]["ChangeView"];
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
            /** @description intent × source */
            rows: components["schemas"]["SlaRowView"][];
            trend: components["schemas"]["CarePointView"][];
        };
        SlaRowView: {
            breached: number;
            /** @description met / (met + breached) */
            compliance: number | null;
            /** @description answered or breached deadlines that started in the range */
            cycles: number;
            filter: components["schemas"]["DrillFilterView"];
            intent: string;
            medianSeconds: number | null;
            met: number;
            platform: string | null;
            previousCompliance: number | null;
            responded: number;
            /**
             * Format: uuid
             * @description null: all sources
             */
            sourceId: string | null;
            sourceName: string | null;
        };
        SourceQuotaView: {
            /** @description the platform's quota day, e.g. 2024-11-01 */
            day: string;
            limit: number;
            /** @description the most polling spends a day; the rest is kept for replies */
            readBudget: number;
            remaining: number;
            /** Format: date-time */
            resetsAt: string;
            used: number;
        };
        SourceVerifiedView: {
            accountName: string;
            ok: boolean;
        };
        SourceViewSchema: {
            consecutiveFailures: number;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            /** @description temporary, rate_limited, auth_revoked, configuration, bad_cursor, ... */
            lastErrorCode: string | null;
            /** Format: date-time */
            lastSyncedAt: string | null;
            name: string;
            /** @description vk, telegram, webhook */
            platform: string;
            /** @description platforms with a daily API quota (YouTube): what is spent and left today */
            quota?: components["schemas"]["SourceQuotaView"];
            settings: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "healthy" | "throttled" | "degraded" | "needs_attention" | "disabled";
            /** Format: date-time */
            statusChangedAt: string;
            /** @description the last error's message */
            statusReason: string | null;
            /** Format: date-time */
            throttledUntil: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SuggestedContactView: {
            /** Format: uuid */
            customerId: string;
            customerName: string;
            displayName: string | null;
            externalId: string;
            /** Format: uuid */
            id: string;
            platform: string;
            username: string | null;
        };
        TagConversationDto: {
            /** Format: uuid */
            tagId: string;
        };
        TagPointView: {
            conversations: number;
            /** Format: date-time */
            end: string;
            filter: components["schemas"]["DrillFilterView"];
            /** @description the bucket in the report’s zone: 2025-03-09 or 2025-03-09T02:00:00+01:00 */
            label: string;
            /** Format: date-time */
            start: string;
        };
        TagRuleView: {
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            intent: string | null;
            phrase: string | null;
            sentiment: string | null;
            /** Format: uuid */
            sourceId: string | null;
            /** Format: uuid */
            tagId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        TagSeriesView: {
            color: string;
            name: string;
            points: components["schemas"]["TagPointView"][];
            /** Format: uuid */
            tagId: string;
            total: components["schemas"]["ChangeView"];
        };
        TagsReportView: {
            previousRange: components["schemas"]["RangeView"] | null;
            range: components["schemas"]["RangeView"];
            /** @description empty until tags are used */
            tags: components["schemas"]["TagSeriesView"][];
        };
        TagView: {
            /** @description #rrggbb */
            color: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        TeamAssignmentDto: {
            /** @description hand new conversations of this team out automatically */
            autoAssign: boolean;
            /** @description an assigned open conversation with no action by its holder this long goes back to the queue; null: never */
            idleReturnMinutes: number | null;
        };
        TeamAssignmentView: {
            autoAssign: boolean;
            idleReturnMinutes: number | null;
            name: string;
            /** Format: uuid */
            teamId: string;
        };
        TeamMemberView: {
            email: string;
            /** Format: uuid */
            id: string;
            isLead: boolean;
            name: string;
            /** @enum {string} */
            role: "admin" | "agent" | "analyst";
        };
        TeamNameDto: {
            /** @example Billing */
            name: string;
        };
        TeamView: {
            /** @description enabled agents */
            agents: number;
            /** @description their conversations at once, summed */
            capacity: number;
        };
        TeamViewSchema: {
            /** Format: uuid */
            id: string;
            members: components["schemas"]["TeamMemberView"][];
            name: string;
        };
        TemplateView: {
            body: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: uuid */
            id: string;
            intent: string | null;
            /** @enum {string} */
            locale: "ru" | "en";
            name: string;
            shortcut: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        TermDaysView: {
            /** @description the range is not whole days in that zone: its edge days count whole */
            approximate: boolean;
            /** Format: date */
            from: string;
            /** Format: date */
            previousFrom: string;
            /** @description term counts are kept per day in this zone (the company’s) */
            timeZone: string;
            /**
             * Format: date
             * @description exclusive
             */
            to: string;
        };
        TermsReportView: {
            days: components["schemas"]["TermDaysView"];
            /** @description items of this polarity */
            items: components["schemas"]["ChangeView"];
            /** @enum {string} */
            polarity: "negative" | "positive";
            previousRange: components["schemas"]["RangeView"];
            range: components["schemas"]["RangeView"];
            terms: components["schemas"]["TermView"][];
        };
        TermView: {
            current: number;
            /** @description newest example item ids */
            examples: string[];
            /** @description the previous count at this period’s volume */
            expected: number;
            filter: components["schemas"]["DrillFilterView"];
            /** @description what people wrote most often */
            label: string;
            previous: number;
            /** @description ln((current + 5) / (expected + 5)); higher rose more */
            score: number;
            /** @description the stems (the key) */
            term: string;
        };
        TestMessageDto: {
            /**
             * @default main
             * @enum {string}
             */
            channel?: "main" | "lead";
            /** @description try this address instead of the saved one (e.g. before saving it); never stored */
            webhookUrl?: string;
        };
        TestResultDto: {
            delivered: boolean;
            error?: string;
            httpStatus?: number;
            /** @enum {string} */
            outcome: "sent" | "retry" | "failed" | "unknown";
        };
        TimelineReplyView: {
            attempts: number;
            /** Format: uuid */
            authorId: string | null;
            authorName: string | null;
            /** @description sent automatically to say when we will answer; not an answer */
            autoAck: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: uuid */
            id: string;
            inReplyToItemId: string | null;
            /** @description why the last attempt failed, in words */
            lastError: string | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            platformMessageId: string | null;
            /** Format: date-time */
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "sending" | "delivered" | "failed" | "unknown";
            text: string;
        };
        UnlinkResultView: {
            contactIds: string[];
            /** Format: uuid */
            customerId: string;
            /**
             * Format: uuid
             * @description the customer the contact was taken out of
             */
            fromCustomerId: string;
        };
        UnreadCountView: {
            unread: number;
        };
        UpdateAlertRuleDto: {
            cooldownMinutes?: number;
            enabled?: boolean;
            /** @enum {string} */
            language?: "ru" | "en";
            leadWebhookUrl?: Record<string, never> | null;
            name?: string;
            /** @description Thresholds of the kind (absent keys take the defaults, see GET /api/alert-rules/defaults). negative_spike: windowMinutes, baselineWeeks, minNegatives, minRatio, minShareLift, sensitivity (low|medium|high), clearRatio, scopes (overall|platform|source). term_surge: windowMinutes, minCount, minAuthors, minRatio, sensitivity, watch (phrases of 1–2 words), discover, maxAlertsPerRun, clearRatio. tag_surge: windowMinutes, minCount, minAuthors, minRatio, sensitivity, tags (tag ids; empty: every tag), maxAlertsPerRun, clearRatio. high_reach: minReach, lookbackHours. sla: windowMinutes, events (warning_50|warning_80|breach), escalateAfterMinutes. source_health: silentMinutes. */
            params?: {
                [key: string]: unknown;
            };
            quietHours?: components["schemas"]["QuietHoursDto"] | null;
            sourceId?: Record<string, never> | null;
            timeZone?: string;
            /** @description null: use SLACK_WEBHOOK_URL */
            webhookUrl?: Record<string, never> | null;
        };
        UpdateAutoAckRuleDto: {
            /** @default true */
            enabled?: boolean;
            /**
             * @description null: every intent
             * @enum {string|null}
             */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /**
             * @description acknowledge messages written outside the SLA calendar’s hours
             * @default true
             */
            outsideHours?: boolean;
            /**
             * @description public comments too (default: direct messages only)
             * @default false
             */
            publicComments?: boolean;
            /**
             * Format: uuid
             * @description null: every source
             */
            sourceId?: string | null;
            /** @description English text; {when} becomes e.g. "by 10:00 tomorrow" */
            templateEn?: string;
            /** @description Russian text; {when} becomes e.g. «до 10:00 завтра» */
            templateRu?: string;
            /** @description acknowledge when the expected wait is at least this many minutes (null: never for the wait) */
            waitOverMinutes?: number | null;
        };
        UpdateCompanySettingsDto: {
            /** @description the company’s own names, left out of the term reports (any form: they are stemmed) */
            brandWords?: string[];
            /**
             * @description IANA time zone, whole-hour offsets
             * @example Europe/Moscow
             */
            timeZone?: string;
        };
        UpdateConversationDto: {
            /** @description a user id; null releases the conversation */
            assigneeId?: string | null;
            /** @description snooze even though the answer is due before the snooze ends (without it such a snooze is a 409 with code snooze_past_deadline and the dueAt) */
            confirmPastDeadline?: boolean;
            /** @description admins only: assign even though the agent is at capacity (audited); without it, or for an agent, that is a 409 with code at_capacity */
            overCapacity?: boolean;
            priority?: number;
            /** Format: date-time */
            snoozedUntil?: string | null;
            /** @enum {string} */
            status?: "open" | "pending" | "snoozed" | "resolved";
            teamId?: string | null;
        };
        UpdateKbArticleDto: {
            /** @description archive (true) or restore (false); articles are never deleted */
            archived?: boolean;
            /** @description plain text; paragraphs separated by blank lines */
            body?: string;
            /**
             * @default ru
             * @enum {string}
             */
            locale?: "ru" | "en";
            tags?: string[];
            title?: string;
            /** @description the public help-centre page, https */
            url?: string | null;
        };
        UpdateProfileDto: {
            /**
             * @description the language of the UI and of e-mails
             * @enum {string}
             */
            locale?: "ru" | "en";
            name?: string;
        };
        UpdateSavedViewDto: {
            filters?: components["schemas"]["ConversationFilterDto"];
            name?: string;
        };
        UpdateSlaPolicyDto: {
            calendar?: {
                [key: string]: unknown;
            } | null;
            enabled?: boolean;
            firstResponseMinutes?: number;
            /** @enum {string|null} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            name?: string;
            pauseWhilePending?: boolean;
            /** @description at breach, hand the conversation to another agent */
            reassignOnBreach?: boolean;
            sourceId?: string | null;
        };
        UpdateSourceDto: {
            credentials?: {
                [key: string]: unknown;
            };
            enabled?: boolean;
            name?: string;
            settings?: {
                [key: string]: unknown;
            };
        };
        UpdateTagDto: {
            /** @example #d9480f */
            color?: string;
            name?: string;
        };
        UpdateTagRuleDto: {
            enabled?: boolean;
            /** @enum {string|null} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            phrase?: string | null;
            /** @enum {string|null} */
            sentiment?: "negative" | "neutral" | "positive" | null;
            /** Format: uuid */
            sourceId?: string | null;
            /** Format: uuid */
            tagId?: string;
        };
        UpdateTemplateDto: {
            body?: string;
            /** @enum {string|null} */
            intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | null;
            /**
             * @default ru
             * @enum {string}
             */
            locale?: "ru" | "en";
            name?: string;
            /** @description typed in the reply box, e.g. `thanks` */
            shortcut?: string | null;
        };
        UpdateUserDto: {
            /** @description true signs the user out everywhere */
            disabled?: boolean;
            /** @description a care lead: told of breaches, reads reports and alerts */
            isLead?: boolean;
            /** @enum {string} */
            locale?: "ru" | "en";
            maxOpenConversations?: number;
            name?: string;
            /**
             * Format: password
             * @description an admin reset; signs the user out everywhere
             */
            password?: string;
            /** @enum {string} */
            role?: "admin" | "agent" | "analyst";
        };
        UserViewSchema: {
            /** Format: date-time */
            createdAt: string;
            disabled: boolean;
            email: string;
            /** Format: uuid */
            id: string;
            isLead: boolean;
            /** Format: date-time */
            lastLoginAt: string | null;
            /** @enum {string} */
            locale: "ru" | "en";
            /** Format: date-time */
            lockedUntil: string | null;
            maxOpenConversations: number;
            name: string;
            /** @enum {string} */
            role: "admin" | "agent" | "analyst";
        };
        WhyFeatureView: {
            /** @description a word or two-word phrase as written, an emoji, or a named signal ("question mark") */
            feature: string;
            /** @description how far it pushed the decided label past the runner-up (logits) */
            weight: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AgentsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentStatusView"][];
                };
            };
        };
    };
    AgentsController_setLanguages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetLanguagesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentStatusView"];
                };
            };
        };
    };
    AgentsController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentStatusView"];
                };
            };
        };
    };
    AgentsController_setStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetAgentStatusDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentStatusView"];
                };
            };
        };
    };
    AlertRulesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleViewDto"][];
                };
            };
        };
    };
    AlertRulesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleViewDto"];
                };
            };
        };
    };
    AlertRulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleViewDto"];
                };
            };
        };
    };
    AlertRulesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertRulesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAlertRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleViewDto"];
                };
            };
        };
    };
    AlertRulesController_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TestMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestResultDto"];
                };
            };
        };
    };
    AlertRulesController_defaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_list: {
        parameters: {
            query?: {
                /** @description opaque cursor from the previous page (`next`) */
                cursor?: string;
                /** @description fired at or after (ISO time) */
                from?: string;
                kind?: "negative_spike" | "term_surge" | "tag_surge" | "high_reach" | "sla" | "source_health" | "sla_escalation";
                limit?: number;
                ruleId?: string;
                state?: "fired" | "sending" | "sent" | "logged" | "failed" | "unknown" | "resolved";
                /** @description fired before (ISO time) */
                to?: string;
                /** @description default: both */
                type?: "alert" | "all_clear";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertListDto"];
                };
            };
        };
    };
    AlertsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailDto"];
                };
            };
        };
    };
    AlertsController_markSent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertViewDto"];
                };
            };
        };
    };
    AlertsController_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertViewDto"];
                };
            };
        };
    };
    AnalysisController_labels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelsView"];
                };
            };
        };
    };
    AnalysisController_models: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnalysisController_retrain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnalysisReviewController_report: {
        parameters: {
            query?: {
                weeks?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewReportView"];
                };
            };
        };
    };
    AgentsController_teams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamAssignmentView"][];
                };
            };
        };
    };
    AgentsController_setTeam: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamAssignmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamAssignmentView"];
                };
            };
        };
    };
    AuditController_search: {
        parameters: {
            query?: {
                /** @description an action or its prefix, e.g. `reply.` or `source.created` */
                action?: string;
                /** @description who did it (a user id) */
                actorId?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description one entity (needs entityType) */
                entityId?: string;
                /** @description conversation, reply, source, user, team, sla_policy, item, ... */
                entityType?: string;
                /** @description at or after */
                from?: string;
                limit?: number;
                /** @description before */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageView"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    AuthController_updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AutoAckController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAckRuleView"][];
                };
            };
        };
    };
    AutoAckController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAutoAckRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAckRuleView"];
                };
            };
        };
    };
    AutoAckController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAutoAckRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAckRuleView"];
                };
            };
        };
    };
    ContactsController_unlink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnlinkResultView"];
                };
            };
        };
    };
    ContactsController_link: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkContactsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkResultView"];
                };
            };
        };
    };
    ConversationsController_list: {
        parameters: {
            query?: {
                /** @description `me`, `unassigned` or a user id */
                assignee?: string;
                /** @description opaque cursor from the previous page */
                cursor?: string;
                /** @description conversations with messages at or after this time */
                from?: string;
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
                /** @description the language of the conversation's newest customer message */
                language?: "ru" | "en" | "mixed" | "translit" | "other";
                limit?: number;
                /** @description vk, telegram, youtube, webhook, ... */
                platform?: string;
                /** @description search words: full text of every message (Russian and English word forms), plus part of a customer's name or username and of an order number */
                q?: string;
                sentiment?: "negative" | "neutral" | "positive";
                /** @description a running clock: on_track (under 80 % of the time used), at_risk (80 % or more), breached (past due) */
                sla?: "on_track" | "at_risk" | "breached";
                sourceId?: string;
                status?: "open" | "pending" | "snoozed" | "resolved" | "all";
                tagId?: string;
                teamId?: string;
                /** @description …and before this time */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePageView"];
                };
            };
        };
    };
    ConversationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDetailsView"];
                };
            };
        };
    };
    ConversationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationView"];
                };
            };
        };
    };
    ConversationsController_addNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNoteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoteView"];
                };
            };
        };
    };
    ConversationsController_reassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReassignConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationView"];
                };
            };
        };
    };
    RepliesController_create: {
        parameters: {
            query?: never;
            header: {
                "idempotency-key": string;
                /** @description the same key twice makes one reply */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReplyDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyView"];
                };
            };
        };
    };
    ConversationTagsController_add: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationTagView"][];
                };
            };
        };
    };
    ConversationTagsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                tagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationTagView"][];
                };
            };
        };
    };
    ConversationsController_bulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkConversationsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkOutcomeView"];
                };
            };
        };
    };
    CustomersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerView"];
                };
            };
        };
    };
    CustomersController_addNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerNoteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerNoteView"];
                };
            };
        };
    };
    CustomersController_editNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                noteId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerNoteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerNoteView"];
                };
            };
        };
    };
    CustomersController_suggestions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SamePersonSuggestionView"][];
                };
            };
        };
    };
    CustomersController_dismiss: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DismissSuggestionDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DemoController_storm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { started: true } */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description demo mode is off, or another instance runs the demo */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EventsController_stream: {
        parameters: {
            query?: {
                /** @description resume after this event (for a new EventSource; a reconnecting one sends Last-Event-ID) */
                lastEventId?: string;
            };
            header?: {
                /** @description resume after this event */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream; each `data:` line is an InboxEventView */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["InboxEventView"];
                };
            };
        };
    };
    AssigneesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssigneesView"];
                };
            };
        };
    };
    WebhookReceiverController_generic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ItemsController_correct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrectAnalysisDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectionView"];
                };
            };
        };
    };
    AnalysisReviewController_review: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewItemDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewResultView"];
                };
            };
        };
    };
    KbController_list: {
        parameters: {
            query?: {
                /** @description true: the archived articles instead */
                archived?: boolean;
                locale?: "ru" | "en";
                /** @description search words: results ranked by relevance */
                q?: string;
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticleView"][];
                };
            };
        };
    };
    KbController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKbArticleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticleView"];
                };
            };
        };
    };
    KbController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticleView"];
                };
            };
        };
    };
    KbController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKbArticleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbArticleView"];
                };
            };
        };
    };
    KbController_recordUse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordKbUseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbUseView"];
                };
            };
        };
    };
    KbController_suggestions: {
        parameters: {
            query: {
                conversationId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KbSuggestionsView"];
                };
            };
        };
    };
    NotificationsController_list: {
        parameters: {
            query?: {
                /** @description the next page: notifications older than this id */
                before?: string;
                limit?: number;
                /** @description only unread ones */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsPageView"];
                };
            };
        };
    };
    NotificationsController_markRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkReadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkedReadView"];
                };
            };
        };
    };
    NotificationsController_unread: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCountView"];
                };
            };
        };
    };
    PresenceController_list: {
        parameters: {
            query?: {
                /** @description only these conversations (comma-separated or repeated) */
                conversationId?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresenceView"][];
                };
            };
        };
    };
    PresenceController_set: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPresenceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresenceView"];
                };
            };
        };
    };
    QuarantineController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description only items of this source */
                sourceId?: string;
                /** @description open: never replayed or the replay failed; resolved: a replay stored it (or found it stored) */
                status?: "open" | "resolved" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuarantinePageView"];
                };
            };
        };
    };
    QuarantineController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayOutcomeView"];
                };
            };
            /** @description no quarantined item with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RepliesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyView"];
                };
            };
        };
    };
    RepliesController_markDelivered: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkDeliveredDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyView"];
                };
            };
        };
    };
    RepliesController_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplyView"];
                };
            };
        };
    };
    ReportsController_agents: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentsReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["AgentsReportView"];
                    "text/csv": components["schemas"]["AgentsReportView"];
                };
            };
        };
    };
    ReportsController_backlog: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | "unknown";
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BacklogReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["BacklogReportView"];
                    "text/csv": components["schemas"]["BacklogReportView"];
                };
            };
        };
    };
    ReportsController_breaches: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | "unknown";
                limit?: number;
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreachesReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["BreachesReportView"];
                    "text/csv": components["schemas"]["BreachesReportView"];
                };
            };
        };
    };
    ReportsController_frt: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | "unknown";
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrtReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["FrtReportView"];
                    "text/csv": components["schemas"]["FrtReportView"];
                };
            };
        };
    };
    ReportsController_sla: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | "unknown";
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["SlaReportView"];
                    "text/csv": components["schemas"]["SlaReportView"];
                };
            };
        };
    };
    ReportsController_forecast: {
        parameters: {
            query?: {
                /** @description conversations an agent holds at once */
                capacity?: number;
                format?: "json" | "csv" | "xlsx";
                /** @description minutes a conversation holds one of an agent’s slots */
                handleMinutes?: number;
                /** @description the first-response deadline to staff for */
                slaMinutes?: number;
                /** @description share to answer within the deadline */
                target?: number;
                /** @description IANA time zone; default: the company time zone */
                tz?: string;
                /** @description the Monday (ISO date) of the week to forecast; default: next week */
                week?: string;
                /** @description past weeks the pattern is learned from */
                weeks?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForecastReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ForecastReportView"];
                    "text/csv": components["schemas"]["ForecastReportView"];
                };
            };
        };
    };
    ReportsController_intents: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                language?: "ru" | "en" | "mixed" | "translit" | "other" | "unknown";
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                /** @description count only items of this sentiment */
                sentiment?: "negative" | "neutral" | "positive";
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntentReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["IntentReportView"];
                    "text/csv": components["schemas"]["IntentReportView"];
                };
            };
        };
    };
    ReportsController_items: {
        parameters: {
            query?: {
                /** @description items of conversations this agent holds */
                assignee?: string;
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                /** @description only these item ids (comma-separated, at most 100) */
                ids?: string[];
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other" | "unknown";
                language?: "ru" | "en" | "mixed" | "translit" | "other" | "unknown";
                limit?: number;
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                /** @description words the text contains (case-insensitive) */
                q?: string;
                sentiment?: "negative" | "neutral" | "positive";
                sourceId?: string;
                /** @description items of conversations with this tag */
                tagId?: string;
                /** @description a term of the terms report (its stems, space-separated) */
                term?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportItemsView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportItemsView"];
                    "text/csv": components["schemas"]["ReportItemsView"];
                };
            };
        };
    };
    ReportsController_sentiment: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                /** @description one series per value */
                groupBy?: "none" | "platform" | "source" | "language";
                language?: "ru" | "en" | "mixed" | "translit" | "other" | "unknown";
                /** @description vk, telegram, webhook, ... */
                platform?: string;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentimentReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["SentimentReportView"];
                    "text/csv": components["schemas"]["SentimentReportView"];
                };
            };
        };
    };
    ReportsController_getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanySettingsView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["CompanySettingsView"];
                    "text/csv": components["schemas"]["CompanySettingsView"];
                };
            };
        };
    };
    ReportsController_updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCompanySettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanySettingsView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["CompanySettingsView"];
                    "text/csv": components["schemas"]["CompanySettingsView"];
                };
            };
        };
    };
    ReportsController_tags: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                /** @description the most used tags */
                limit?: number;
                sourceId?: string;
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagsReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["TagsReportView"];
                    "text/csv": components["schemas"]["TagsReportView"];
                };
            };
        };
    };
    ReportsController_terms: {
        parameters: {
            query?: {
                /** @description the period just before, alongside */
                compare?: "previous" | "none";
                /** @description csv: the report table as CSV (UTF-8 with BOM); xlsx: the same table as an Excel workbook */
                format?: "json" | "csv" | "xlsx";
                /** @description start (inclusive): an ISO date — its midnight in `tz` — or date-time; default: 30 days before `to` */
                from?: string;
                granularity?: "hour" | "day" | "week";
                limit?: number;
                polarity?: "negative" | "positive";
                /** @description end (exclusive), same forms; default: the next midnight in `tz`. Moved out to whole hours. */
                to?: string;
                /** @description IANA time zone with whole-hour offsets; default: the company time zone (GET /api/reports/settings) */
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TermsReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["TermsReportView"];
                    "text/csv": components["schemas"]["TermsReportView"];
                };
            };
        };
    };
    AnalysisReviewController_queue: {
        parameters: {
            query?: {
                /** @description the `next` of the previous page */
                before?: string;
                limit?: number;
                /** @description only items flagged for this reason */
                reason?: "low_intent_confidence" | "sentiment_intent_disagree" | "deadline_escalated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewQueueView"];
                };
            };
        };
    };
    SavedViewsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedViewListView"];
                };
            };
        };
    };
    SavedViewsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSavedViewDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedViewView"];
                };
            };
        };
    };
    SavedViewsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SavedViewsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSavedViewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedViewView"];
                };
            };
        };
    };
    SlaPoliciesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyView"][];
                };
            };
        };
    };
    SlaPoliciesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSlaPolicyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyView"];
                };
            };
        };
    };
    SlaPoliciesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyView"];
                };
            };
        };
    };
    SlaPoliciesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSlaPolicyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyChangeView"];
                };
            };
        };
    };
    SourcesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceViewSchema"][];
                };
            };
        };
    };
    SourcesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSourceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedSourceView"];
                };
            };
        };
    };
    SourcesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceViewSchema"];
                };
            };
        };
    };
    SourcesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSourceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceViewSchema"];
                };
            };
        };
    };
    SourcesController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceVerifiedView"];
                };
            };
        };
    };
    TagsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagView"][];
                };
            };
        };
    };
    TagsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTagDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagView"];
                };
            };
        };
    };
    TagsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TagsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTagDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagView"];
                };
            };
        };
    };
    TagsController_rules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRuleView"][];
                };
            };
        };
    };
    TagsController_createRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTagRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRuleView"];
                };
            };
        };
    };
    TagsController_removeRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TagsController_updateRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTagRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRuleView"];
                };
            };
        };
    };
    TeamsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamViewSchema"][];
                };
            };
        };
    };
    TeamsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamNameDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamViewSchema"];
                };
            };
        };
    };
    TeamsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TeamsController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamViewSchema"];
                };
            };
        };
    };
    TeamsController_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamViewSchema"];
                };
            };
        };
    };
    TeamsController_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TemplatesController_list: {
        parameters: {
            query?: {
                intent?: "complaint" | "sales_question" | "support_question" | "praise" | "spam" | "other";
                locale?: "ru" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateView"][];
                };
            };
        };
    };
    TemplatesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTemplateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateView"];
                };
            };
        };
    };
    TemplatesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTemplateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateView"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserViewSchema"][];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserViewSchema"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserViewSchema"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserViewSchema"];
                };
            };
        };
    };
    WebhookReceiverController_platform: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platform: string;
                sourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { status: "ok", database: "up", queue: "up" } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Which part is down, e.g. { database: "up", queue: "down" } */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
