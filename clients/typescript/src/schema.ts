// Generated from the OpenAPI document by `npm run client:generate` (openapi-typescript). Do not edit.

export interface paths {
    "/api/billstack/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your teams
         * @description Any signed-in dashboard session.
         */
        get: operations["teams.list"];
        put?: never;
        /**
         * Create a team (you become its owner)
         * @description Any signed-in dashboard session.
         */
        post: operations["teams.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a team
         * @description Dashboard session of any team member; API keys are refused.
         */
        get: operations["teams.get"];
        put?: never;
        post?: never;
        /**
         * Delete a team with everything it holds (owners only); BillStack's webhook endpoint is removed from the Stripe account first
         * @description Dashboard session of a team owner; API keys are refused.
         */
        delete: operations["teams.delete"];
        options?: never;
        head?: never;
        /**
         * Rename a team
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        patch: operations["teams.rename"];
        trace?: never;
    };
    "/api/billstack/invitations/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation mailed to your address
         * @description Any signed-in dashboard session.
         */
        post: operations["teams.acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the team's audit events, newest first
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["teams.auditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description Dashboard session of any team member; API keys are refused.
         */
        get: operations["members.list"];
        put?: never;
        /**
         * Invite a member by email
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        post: operations["members.invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        delete: operations["members.remove"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        patch: operations["members.changeRole"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invitations
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["members.listInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        delete: operations["members.revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["apiKeys.list"];
        put?: never;
        /**
         * Create an API key
         * @description Dashboard session of a team owner or admin; API keys are refused.
         *
         *     The `key` is shown once, in this answer: only its hash is stored.
         */
        post: operations["apiKeys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an API key
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["apiKeys.get"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key (effective on the next request)
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        delete: operations["apiKeys.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the team's Stripe connection
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["stripe.get"];
        put?: never;
        /**
         * Connect Stripe with a secret or restricted key
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        post: operations["stripe.connect"];
        /**
         * Disconnect Stripe
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        delete: operations["stripe.disconnect"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/webhook-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List received Stripe events
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["stripe.listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/webhook-events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a received Stripe event with its payload
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        get: operations["stripe.getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/webhook-events/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a received Stripe event again
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        post: operations["stripe.retryEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/webhook-events/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fetch and queue the Stripe events of a time range that never arrived
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        post: operations["stripe.replayEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive the team's Stripe webhooks
         * @description Authenticated by Stripe's `Stripe-Signature` header, checked with the team's webhook secret.
         *
         *     Called by Stripe at the URL BillStack registers when the team connects (`?team={teamId}`), authenticated by the `Stripe-Signature` header; the event is stored and applied by the worker.
         */
        post: operations["stripe.intake"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/webhooks/stripe/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive the team's Stripe webhooks (URL of endpoints registered before)
         * @deprecated
         * @description Authenticated by Stripe's `Stripe-Signature` header, checked with the team's webhook secret.
         *
         *     The same intake at the URL BillStack registered with Stripe before: such endpoints keep delivering. New ones use `?team=`.
         */
        post: operations["stripe.intakeAtTeamPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the team's projects
         * @description Dashboard session of any team member; API keys are refused.
         */
        get: operations["projects.list"];
        put?: never;
        /**
         * Create a project
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        post: operations["projects.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project (any valid key for it)
         * @description Any API key valid for the project, or a team member's session.
         */
        get: operations["projects.get"];
        put?: never;
        post?: never;
        /**
         * Delete a project and everything in it
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        delete: operations["projects.delete"];
        options?: never;
        head?: never;
        /**
         * Rename a project or set its allowed redirect origins
         * @description Dashboard session of a team owner or admin; API keys are refused.
         */
        patch: operations["projects.update"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the project's plan-change defaults
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["projects.getSettings"];
        /**
         * Replace the project's plan-change defaults
         * @description Requires scope `*` (an API key issued with it, or a team member's session whose role grants it).
         */
        put: operations["projects.putSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the latest import of Stripe history
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["projects.getSync"];
        put?: never;
        /**
         * Sync customers and the catalog from Stripe and import its history
         * @description Requires scope `*` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["projects.sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers
         * @description Requires scope `customers:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["customers.list"];
        put?: never;
        /**
         * Create a customer (and its Stripe customer)
         * @description Requires scope `customers:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["customers.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/customers/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the list's matching customers as CSV (at most 10,000: narrow the filters beyond)
         * @description Requires scope `customers:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["customers.export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer
         * @description Requires scope `customers:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["customers.get"];
        put?: never;
        post?: never;
        /**
         * Delete a customer
         * @description Requires scope `customers:write` (an API key issued with it, or a team member's session whose role grants it).
         *
         *     Refused with 409 while the customer has live subscriptions, unless `force=true` cancels them.
         */
        delete: operations["customers.delete"];
        options?: never;
        head?: never;
        /**
         * Update a customer
         * @description Requires scope `customers:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        patch: operations["customers.update"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/customers/{customerId}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's subscriptions
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["customers.listSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/customers/{customerId}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's invoices
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["customers.listInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List products
         * @description Requires scope `products:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["catalog.listProducts"];
        put?: never;
        /**
         * Create a product (and its Stripe product)
         * @description Requires scope `products:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["catalog.createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/products/{productId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a product
         * @description Requires scope `products:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["catalog.getProduct"];
        put?: never;
        post?: never;
        /**
         * Archive a product (Stripe keeps it, inactive)
         * @description Requires scope `products:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        delete: operations["catalog.archiveProduct"];
        options?: never;
        head?: never;
        /**
         * Update a product
         * @description Requires scope `products:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        patch: operations["catalog.updateProduct"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/products/{productId}/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a product's prices
         * @description Requires scope `products:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["catalog.listProductPrices"];
        put?: never;
        /**
         * Create a price for a product
         * @description Requires scope `products:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["catalog.createPrice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List prices
         * @description Requires scope `products:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["catalog.listPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/prices/{priceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a price
         * @description Requires scope `products:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["catalog.getPrice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a price's nickname, activity or metadata (amounts are immutable, as in Stripe)
         * @description Requires scope `products:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        patch: operations["catalog.updatePrice"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["subscriptions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the list's matching subscriptions as CSV (at most 10,000: narrow the filters beyond)
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["subscriptions.export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a subscription
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["subscriptions.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/{subscriptionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a subscription (at the period end unless `atPeriodEnd: false`)
         * @description Requires scope `subscriptions:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["subscriptions.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/{subscriptionId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a subscription set to cancel at the period end
         * @description Requires scope `subscriptions:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["subscriptions.resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/{subscriptionId}/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the plan (items) of a subscription
         * @description Requires scope `subscriptions:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["subscriptions.change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/subscriptions/{subscriptionId}/change/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview what a plan change would bill
         * @description Requires scope `subscriptions:read` (an API key issued with it, or a team member's session whose role grants it).
         *
         *     A POST only because it takes the change as its body; it changes nothing.
         */
        post: operations["subscriptions.previewChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a Stripe Checkout session
         * @description Requires scope `checkout:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["checkout.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a customer portal link
         * @description Requires scope `portal:write` (an API key issued with it, or a team member's session whose role grants it).
         *
         *     The `url` opens BillStack's portal for the customer until `expiresAt`, without any other credential.
         */
        post: operations["portalLinks.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/portal/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a portal link
         * @description Requires scope `portal:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        delete: operations["portalLinks.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/mrr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MRR and its movements over time
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.mrr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/churn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer and revenue churn over time
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.churn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Paying and trialing customers over time
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.customers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly cohorts: logo and revenue retention
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.retention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The headline figures
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stripe webhook delivery statistics
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.webhooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a metric as CSV
         * @description Requires scope `analytics:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["analytics.export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/analytics/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild the analytics from the stored history
         * @description Requires scope `*` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["analytics.rebuild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the project's referral program
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.getConfig"];
        /**
         * Replace the project's referral program
         * @description Requires scope `referrals:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        put: operations["referrals.putConfig"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List referral codes
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.listCodes"];
        put?: never;
        /**
         * Create a referral code for a customer
         * @description Requires scope `referrals:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["referrals.createCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/codes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a referral code
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.getCode"];
        put?: never;
        post?: never;
        /**
         * Deactivate a referral code
         * @description Requires scope `referrals:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        delete: operations["referrals.deactivateCode"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a referral code to a new customer
         * @description Requires scope `referrals:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["referrals.apply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List referrals
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/{referralId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a referral
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/referrals/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Referral program statistics
         * @description Requires scope `referrals:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["referrals.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Requires scope `webhooks:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["webhookEndpoints.list"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["webhookEndpoints.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Requires scope `webhooks:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["webhookEndpoints.get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        delete: operations["webhookEndpoints.delete"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint (enabling it again clears `disabledReason`)
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        patch: operations["webhookEndpoints.update"];
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["webhookEndpoints.rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event now
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["webhookEndpoints.test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description Requires scope `webhooks:read` (an API key issued with it, or a team member's session whose role grants it).
         */
        get: operations["webhookEndpoints.listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/teams/{teamId}/projects/{projectId}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a delivery again
         * @description Requires scope `webhooks:write` (an API key issued with it, or a team member's session whose role grants it).
         */
        post: operations["webhookEndpoints.redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The portal token's customer
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's subscriptions with their plans
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.listSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's invoices
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.listInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's referral code, referrals and rewards (null when referrals are off)
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.referrals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/stripe-portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open Stripe's billing portal (payment methods) for the customer
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        post: operations["portal.stripePortal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions/{subscriptionId}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plans a subscription may change to
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.plans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions/{subscriptionId}/change/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview a change to another plan
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        get: operations["portal.previewChange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions/{subscriptionId}/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change to another plan
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        post: operations["portal.change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions/{subscriptionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel at the end of the period
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        post: operations["portal.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/portal/{token}/subscriptions/{subscriptionId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a subscription set to cancel
         * @description Authenticated by the portal token in the path alone (a link issued with `POST .../portal`).
         */
        post: operations["portal.resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billstack/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI document
         * @description Public.
         */
        get: operations["meta.openapi"];
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
        /** @example {
         *       "error": "Customer not found",
         *       "code": "not_found"
         *     } */
        Error: {
            /** @description For people: the message to show or log. */
            error: string;
            /** @description For programs: a stable machine-readable code, one of `x-billstack-codes` (or Stripe's own code when `source` is `stripe`). */
            code: string;
            /** @description The invalid body or query field, on a `validation_error`. */
            field?: string;
            /**
             * @description Present when Stripe refused the request: `code` is then Stripe's.
             * @enum {string}
             */
            source?: "stripe";
        };
        /** @example {
         *       "id": "team_a1b2c3",
         *       "name": "Acme",
         *       "role": "owner",
         *       "createdAt": "2026-03-30T12:00:00.000Z"
         *     } */
        Team: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        AuditEvent: {
            id: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            at: string;
            actor: {
                /** @enum {string} */
                type: "user" | "apiKey";
                id: string;
                label: string;
            };
            action: string;
            target: {
                type: string;
                id: string;
            };
            requestId: string;
            ip: string | null;
        };
        Member: {
            id: string;
            userId: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        Invitation: {
            id: string;
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description The first characters of the key, to recognise it. */
            start: string;
            projectIds: string[] | "all";
            scopes: string[];
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
            expiresAt: string | null;
            lastUsedAt: string | null;
        };
        StripeConnection: {
            /** @constant */
            connected: false;
            accountId: null;
            livemode: null;
            connectedAt: null;
        } | {
            /** @constant */
            connected: true;
            accountId: string;
            livemode: boolean;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            connectedAt: string;
        };
        StripeWebhookEvent: {
            id: string;
            stripeEventId: string;
            type: string;
            objectId: string | null;
            projectId: string | null;
            /** @enum {string} */
            status: "pending" | "processing" | "applied" | "failed" | "ignored";
            attempts: number;
            lastError: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            receivedAt: string;
            appliedAt: string | null;
        };
        /** @example {
         *       "id": "proj_a1b2c3",
         *       "teamId": "team_a1b2c3",
         *       "name": "Production",
         *       "allowedOrigins": [],
         *       "createdAt": "2026-03-30T12:00:00.000Z"
         *     } */
        Project: {
            id: string;
            teamId: string;
            name: string;
            allowedOrigins: string[];
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        ProjectSettings: {
            planChanges: {
                upgrade: {
                    /** @enum {string} */
                    when: "now" | "period_end";
                    /** @enum {string} */
                    proration: "create_prorations" | "always_invoice" | "none";
                };
                downgrade: {
                    /** @enum {string} */
                    when: "now" | "period_end";
                    /** @enum {string} */
                    proration: "create_prorations" | "always_invoice" | "none";
                };
            };
        };
        HistoryImport: {
            id: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            processed: number;
            total: number | null;
            historyRows: number;
            error: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            startedAt: string;
            finishedAt: string | null;
        };
        /** @example {
         *       "id": "pc_a1b2c3d4",
         *       "email": "jane@example.com",
         *       "name": "Jane Doe",
         *       "stripeCustomerId": "cus_Nf0a1b2c3d4",
         *       "metadata": {
         *         "plan": "pro"
         *       },
         *       "createdAt": "2026-03-30T12:00:00.000Z",
         *       "updatedAt": "2026-03-30T12:00:00.000Z"
         *     } */
        Customer: {
            id: string;
            email: string;
            name: string | null;
            stripeCustomerId: string;
            /** @description Your own key/value pairs, kept as sent. */
            metadata: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            updatedAt: string;
        };
        Subscription: {
            id: string;
            customerId: string;
            /** @enum {string} */
            status: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
            currency: string;
            items: {
                priceId: string | null;
                stripePriceId: string;
                quantity: number;
            }[];
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            cancelAtPeriodEnd: boolean;
            canceledAt: string | null;
            endedAt: string | null;
            cancellationReason: string | null;
            trialEnd: string | null;
            pendingChange: {
                items: {
                    priceId: string | null;
                    stripePriceId: string;
                    quantity: number;
                }[];
                /**
                 * Format: date-time
                 * @example 2026-03-30T12:00:00.000Z
                 */
                effectiveAt: string;
            } | null;
            stripeSubscriptionId: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        Invoice: {
            id: string;
            customerId: string;
            subscriptionId: string | null;
            stripeInvoiceId: string;
            number: string | null;
            status: string;
            currency: string;
            amountDue: number;
            amountPaid: number;
            total: number;
            periodStart: string | null;
            periodEnd: string | null;
            paidAt: string | null;
            hostedInvoiceUrl: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        /** @example {
         *       "id": "pp_e5f6g7h8",
         *       "name": "Pro",
         *       "description": "Everything in Starter, and more",
         *       "active": true,
         *       "stripeProductId": "prod_Nf0e5f6g7h8",
         *       "metadata": {},
         *       "createdAt": "2026-03-30T12:00:00.000Z",
         *       "updatedAt": "2026-03-30T12:00:00.000Z"
         *     } */
        Product: {
            id: string;
            name: string;
            description: string | null;
            active: boolean;
            stripeProductId: string;
            /** @description Your own key/value pairs, kept as sent. */
            metadata: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            updatedAt: string;
        };
        /** @example {
         *       "id": "pri_i9j0k1l2",
         *       "productId": "pp_e5f6g7h8",
         *       "unitAmount": 2900,
         *       "currency": "usd",
         *       "interval": "month",
         *       "intervalCount": 1,
         *       "trialDays": 14,
         *       "nickname": "Pro monthly",
         *       "active": true,
         *       "stripePriceId": "price_1Nf0i9j0k1l2",
         *       "metadata": {},
         *       "createdAt": "2026-03-30T12:00:00.000Z"
         *     } */
        Price: {
            id: string;
            productId: string;
            /** @description In minor units of the currency (cents for usd). */
            unitAmount: number;
            currency: string;
            /** @description null for a one-time price */
            interval: ("day" | "week" | "month" | "year") | null;
            intervalCount: number | null;
            trialDays: number | null;
            nickname: string | null;
            active: boolean;
            stripePriceId: string;
            /** @description Your own key/value pairs, kept as sent. */
            metadata: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        PlanChangePreview: {
            /** @enum {string} */
            when: "now" | "period_end";
            /** @enum {string} */
            proration: "create_prorations" | "always_invoice" | "none";
            prorationDate: string | null;
            amountDueNow: number;
            currency: string;
            nextInvoiceAmount: number;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            nextInvoiceAt: string;
            lines: {
                description: string | null;
                amount: number;
                proration: boolean;
                /**
                 * Format: date-time
                 * @example 2026-03-30T12:00:00.000Z
                 */
                periodStart: string;
                /**
                 * Format: date-time
                 * @example 2026-03-30T12:00:00.000Z
                 */
                periodEnd: string;
                /** @enum {string} */
                due: "now" | "next_invoice";
            }[];
        };
        AnalyticsSummary: {
            currency: string;
            /** @description In minor units of `currency`. */
            mrr: number;
            /** @description In minor units of `currency`. */
            arr: number;
            arpa: number | null;
            payingCustomers: number;
            trialingSubscriptions: number;
            /** @description In minor units of `currency`. */
            newMrr30d: number;
            /** @description In minor units of `currency`. */
            churnedMrr30d: number;
            /** @description A fraction (0.05 is 5%); null when the base is zero. */
            customerChurnRate30d: number | null;
            quickRatio30d: number | null;
        };
        ReferralConfig: {
            enabled: boolean;
            refereeDiscount: {
                /** @enum {string} */
                type: "percent" | "amount";
                value: number;
                currency?: string;
                durationMonths: number;
            } | null;
            referrerReward: {
                /** @enum {string} */
                type: "percent" | "amount" | "credit";
                value: number;
                currency?: string;
                durationMonths?: number;
            } | null;
            /** @enum {string} */
            rewardAfter: "signup" | "first_payment";
            attributionDays: number;
            holdDays: number;
            maxRedemptionsPerCode: number | null;
            codeExpiresInDays: number | null;
            /** @description null while the project never configured referrals */
            updatedAt: string | null;
        };
        ReferralCode: {
            id: string;
            code: string;
            customerId: string;
            active: boolean;
            redemptions: number;
            maxRedemptions: number | null;
            expiresAt: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        Referral: {
            id: string;
            code: string;
            referrerCustomerId: string;
            refereeCustomerId: string;
            /** @enum {string} */
            status: "pending" | "qualified" | "rewarded" | "void";
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
            qualifiedAt: string | null;
            rewardedAt: string | null;
            voidedAt: string | null;
            voidReason: string | null;
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            events: string[];
            enabled: boolean;
            description: string | null;
            /** @description failing: BillStack turned it off after days of failed deliveries */
            disabledReason: "failing" | null;
            disabledAt: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        WebhookDelivery: {
            id: string;
            /** @description The `webhook-id` the receiver saw, the same on every attempt. */
            messageId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            responseCode: number | null;
            responseExcerpt: string | null;
            durationMs: number | null;
            attempt: number;
            nextAttemptAt: string | null;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
        PortalSubscription: {
            id: string;
            customerId: string;
            /** @enum {string} */
            status: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
            currency: string;
            items: ({
                priceId: string | null;
                stripePriceId: string;
                quantity: number;
                productName: string;
                unitAmount: number;
                currency: string;
                /** @description null for a one-time price */
                interval: ("day" | "week" | "month" | "year") | null;
                intervalCount: number | null;
            } | {
                priceId: string | null;
                stripePriceId: string;
                quantity: number;
                productName: null;
                unitAmount: null;
                currency: null;
                interval: null;
                intervalCount: null;
            })[];
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            cancelAtPeriodEnd: boolean;
            canceledAt: string | null;
            endedAt: string | null;
            cancellationReason: string | null;
            trialEnd: string | null;
            pendingChange: {
                items: ({
                    priceId: string | null;
                    stripePriceId: string;
                    quantity: number;
                    productName: string;
                    unitAmount: number;
                    currency: string;
                    /** @description null for a one-time price */
                    interval: ("day" | "week" | "month" | "year") | null;
                    intervalCount: number | null;
                } | {
                    priceId: string | null;
                    stripePriceId: string;
                    quantity: number;
                    productName: null;
                    unitAmount: null;
                    currency: null;
                    interval: null;
                    intervalCount: null;
                })[];
                /**
                 * Format: date-time
                 * @example 2026-03-30T12:00:00.000Z
                 */
                effectiveAt: string;
            } | null;
            stripeSubscriptionId: string;
            /**
             * Format: date-time
             * @example 2026-03-30T12:00:00.000Z
             */
            createdAt: string;
        };
    };
    responses: {
        /** @description Invalid input: the message names the field */
        E400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Invalid body field \"email\": Invalid email address",
                 *       "code": "validation_error"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing or invalid credentials */
        E401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Invalid API key",
                 *       "code": "unauthorized"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Payment required: Stripe declined the payment */
        E402: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Your card was declined.",
                 *       "code": "card_declined"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Authenticated, but a scope or role is missing */
        E403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Missing scope customers:write",
                 *       "code": "missing_scope"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not found, or another team's or project's */
        E404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Customer not found",
                 *       "code": "not_found"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflicts with the current state (a duplicate, a state that forbids the change) */
        E409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "A customer with this email already exists",
                 *       "code": "conflict"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is over the size limit */
        E413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Request body too large",
                 *       "code": "payload_too_large"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Rate limited: retry after `Retry-After` seconds */
        E429: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Rate limit exceeded",
                 *       "code": "rate_limited"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unexpected error; the message carries the request id */
        E500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Internal server error (request req_a1b2c3)",
                 *       "code": "internal_error"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Stripe failed or could not be reached */
        E502: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {
                 *       "error": "Stripe request failed",
                 *       "code": "stripe_error"
                 *     } */
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "teams.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        teams: components["schemas"]["Team"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            500: components["responses"]["E500"];
        };
    };
    "teams.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            500: components["responses"]["E500"];
        };
    };
    "teams.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "teams.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "teams.rename": {
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
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "teams.acceptInvitation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            409: components["responses"]["E409"];
            500: components["responses"]["E500"];
        };
    };
    "teams.auditLog": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                actor?: string;
                action?: string;
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AuditEvent"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "members.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: components["schemas"]["Member"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "members.invite": {
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
                "application/json": {
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: components["schemas"]["Invitation"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            500: components["responses"]["E500"];
        };
    };
    "members.remove": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            500: components["responses"]["E500"];
        };
    };
    "members.changeRole": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        member: components["schemas"]["Member"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            500: components["responses"]["E500"];
        };
    };
    "members.listInvitations": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitations: components["schemas"]["Invitation"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "members.revokeInvitation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "apiKeys.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKeys: components["schemas"]["ApiKey"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "apiKeys.create": {
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
                /** @example {
                 *       "name": "backend",
                 *       "projectIds": "all",
                 *       "scopes": [
                 *         "customers:read",
                 *         "customers:write",
                 *         "checkout:write"
                 *       ]
                 *     } */
                "application/json": {
                    name: string;
                    projectIds: "all" | string[];
                    scopes: ("customers:read" | "customers:write" | "products:read" | "products:write" | "subscriptions:read" | "subscriptions:write" | "checkout:write" | "portal:write" | "analytics:read" | "referrals:read" | "referrals:write" | "webhooks:read" | "webhooks:write" | "*")[];
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKey: components["schemas"]["ApiKey"];
                        /** @example bs_live_a1b2c3d4e5f6 */
                        key: string;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "apiKeys.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKey: components["schemas"]["ApiKey"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "apiKeys.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stripe: components["schemas"]["StripeConnection"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.connect": {
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
                "application/json": {
                    secretKey: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stripe: components["schemas"]["StripeConnection"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "stripe.disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stripe: components["schemas"]["StripeConnection"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.listEvents": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                status?: "pending" | "processing" | "applied" | "failed" | "ignored";
                type?: string;
                objectId?: string;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["StripeWebhookEvent"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.getEvent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event: {
                            id: string;
                            stripeEventId: string;
                            type: string;
                            objectId: string | null;
                            projectId: string | null;
                            /** @enum {string} */
                            status: "pending" | "processing" | "applied" | "failed" | "ignored";
                            attempts: number;
                            lastError: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-03-30T12:00:00.000Z
                             */
                            receivedAt: string;
                            appliedAt: string | null;
                            payload: unknown;
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.retryEvent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event: components["schemas"]["StripeWebhookEvent"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.replayEvents": {
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
                "application/json": {
                    /** Format: date-time */
                    from: string;
                    /** Format: date-time */
                    to?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replay: {
                            /**
                             * Format: date-time
                             * @example 2026-03-30T12:00:00.000Z
                             */
                            from: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-30T12:00:00.000Z
                             */
                            to: string;
                            fetched: number;
                            queued: number;
                            alreadyKnown: number;
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "stripe.intake": {
        parameters: {
            query: {
                team: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        received: true;
                        eventId: string;
                        /** @enum {string} */
                        status: "queued" | "duplicate";
                    };
                };
            };
            400: components["responses"]["E400"];
            413: components["responses"]["E413"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "stripe.intakeAtTeamPath": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        received: true;
                        eventId: string;
                        /** @enum {string} */
                        status: "queued" | "duplicate";
                    };
                };
            };
            400: components["responses"]["E400"];
            413: components["responses"]["E413"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "projects.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        projects: components["schemas"]["Project"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "projects.create": {
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
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "projects.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "projects.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "projects.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    allowedOrigins?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            500: components["responses"]["E500"];
        };
    };
    "projects.getSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        settings: components["schemas"]["ProjectSettings"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "projects.putSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    planChanges: {
                        upgrade: {
                            /** @enum {string} */
                            when: "now" | "period_end";
                            /** @enum {string} */
                            proration: "create_prorations" | "always_invoice" | "none";
                        };
                        downgrade: {
                            /** @enum {string} */
                            when: "now" | "period_end";
                            /** @enum {string} */
                            proration: "create_prorations" | "always_invoice" | "none";
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        settings: components["schemas"]["ProjectSettings"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "projects.getSync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: components["schemas"]["HistoryImport"] | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "projects.sync": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sync: {
                            customers: {
                                created: number;
                                updated: number;
                            };
                            products: {
                                created: number;
                                updated: number;
                            };
                            prices: {
                                created: number;
                                updated: number;
                            };
                        };
                        import: components["schemas"]["HistoryImport"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "customers.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                /** @description The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default -created. */
                sort?: "created" | "-created" | "email" | "-email";
                email?: string;
                q?: string;
                hasActiveSubscription?: "true" | "false";
                createdFrom?: string;
                createdTo?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customers: components["schemas"]["Customer"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "customers.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "email": "jane@example.com",
                 *       "name": "Jane Doe",
                 *       "metadata": {
                 *         "plan": "pro"
                 *       }
                 *     } */
                "application/json": {
                    email: string;
                    name?: string;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["Customer"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "customers.export": {
        parameters: {
            query?: {
                /** @description The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default -created. */
                sort?: "created" | "-created" | "email" | "-email";
                email?: string;
                q?: string;
                hasActiveSubscription?: "true" | "false";
                createdFrom?: string;
                createdTo?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per customer, with the columns of the list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "customers.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["Customer"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "customers.delete": {
        parameters: {
            query?: {
                force?: "true" | "false";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "customers.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "name": "Jane Smith"
                 *     } */
                "application/json": {
                    email?: string;
                    name?: string | null;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["Customer"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "customers.listSubscriptions": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptions: components["schemas"]["Subscription"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "customers.listInvoices": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoices: components["schemas"]["Invoice"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.listProducts": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                /** @description The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default -created. */
                sort?: "created" | "-created" | "name" | "-name";
                active?: "true" | "false";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        products: components["schemas"]["Product"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.createProduct": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "name": "Pro",
                 *       "description": "Everything in Starter, and more"
                 *     } */
                "application/json": {
                    name: string;
                    description?: string;
                    active?: boolean;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        product: components["schemas"]["Product"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "catalog.getProduct": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                productId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        product: components["schemas"]["Product"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.archiveProduct": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                productId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        product: components["schemas"]["Product"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "catalog.updateProduct": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                productId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    active?: boolean;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        product: components["schemas"]["Product"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "catalog.listProductPrices": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                active?: "true" | "false";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                productId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        prices: components["schemas"]["Price"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.createPrice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                productId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "unitAmount": 2900,
                 *       "currency": "usd",
                 *       "interval": "month",
                 *       "trialDays": 14,
                 *       "nickname": "Pro monthly"
                 *     } */
                "application/json": {
                    unitAmount: number;
                    currency: string;
                    /** @enum {string} */
                    interval?: "day" | "week" | "month" | "year";
                    intervalCount?: number;
                    trialDays?: number;
                    nickname?: string;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        price: components["schemas"]["Price"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "catalog.listPrices": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                active?: "true" | "false";
                productId?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        prices: components["schemas"]["Price"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.getPrice": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                priceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        price: components["schemas"]["Price"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "catalog.updatePrice": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                priceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    nickname?: string | null;
                    metadata?: {
                        [key: string]: string;
                    };
                    productId?: unknown;
                    unitAmount?: unknown;
                    currency?: unknown;
                    interval?: unknown;
                    intervalCount?: unknown;
                    trialDays?: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        price: components["schemas"]["Price"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "subscriptions.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                /** @description The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default -created. */
                sort?: "created" | "-created" | "status" | "-status" | "current_period_end" | "-current_period_end";
                customerId?: string;
                status?: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
                priceId?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptions: components["schemas"]["Subscription"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "subscriptions.export": {
        parameters: {
            query?: {
                /** @description The order: a field ascending, or descending with a leading "-"; the id breaks ties. Default -created. */
                sort?: "created" | "-created" | "status" | "-status" | "current_period_end" | "-current_period_end";
                customerId?: string;
                status?: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
                priceId?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per subscription, with the columns of the list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "subscriptions.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["Subscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "subscriptions.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "atPeriodEnd": true
                 *     } */
                "application/json": {
                    /** @default true */
                    atPeriodEnd?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["Subscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "subscriptions.resume": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["Subscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "subscriptions.change": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "items": [
                 *         {
                 *           "priceId": "pri_i9j0k1l2",
                 *           "quantity": 1
                 *         }
                 *       ],
                 *       "when": "now",
                 *       "proration": "always_invoice"
                 *     } */
                "application/json": {
                    items: {
                        priceId: string;
                        /** @default 1 */
                        quantity?: number;
                    }[];
                    /** @enum {string} */
                    when?: "now" | "period_end";
                    /** @enum {string} */
                    proration?: "create_prorations" | "always_invoice" | "none";
                    /** Format: date-time */
                    prorationDate?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["Subscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "subscriptions.previewChange": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        priceId: string;
                        /** @default 1 */
                        quantity?: number;
                    }[];
                    /** @enum {string} */
                    when?: "now" | "period_end";
                    /** @enum {string} */
                    proration?: "create_prorations" | "always_invoice" | "none";
                    /** Format: date-time */
                    prorationDate?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: components["schemas"]["PlanChangePreview"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "checkout.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "customerEmail": "jane@example.com",
                 *       "priceId": "pri_i9j0k1l2",
                 *       "successUrl": "https://app.example.com/billing/success",
                 *       "cancelUrl": "https://app.example.com/billing"
                 *     } */
                "application/json": {
                    customerId?: string;
                    customerEmail?: string;
                    priceId: string;
                    quantity?: number;
                    successUrl: string;
                    cancelUrl: string;
                    trialDays?: number;
                    referralCode?: string;
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example {
                         *       "id": "cs_test_a1b2c3",
                         *       "url": "https://checkout.stripe.com/c/pay/cs_test_a1b2c3",
                         *       "expiresAt": "2026-03-31T12:00:00.000Z"
                         *     } */
                        checkout: {
                            id: string;
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-30T12:00:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "portalLinks.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "customerId": "pc_a1b2c3d4",
                 *       "returnUrl": "https://app.example.com/account"
                 *     } */
                "application/json": {
                    customerId: string;
                    returnUrl?: string;
                    /** @default 3600 */
                    expiresIn?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        portal: {
                            token: string;
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-30T12:00:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portalLinks.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        /** @constant */
                        revoked: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.mrr": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mrr: {
                            currency: string;
                            /** @description In minor units of `currency`. */
                            current: number;
                            /** @description In minor units of `currency`. */
                            arr: number;
                            series: {
                                /** @example 2026-03-01 */
                                date: string;
                                /** @description In minor units of `currency`. */
                                mrr: number;
                                /** @description In minor units of `currency`. */
                                new: number;
                                /** @description In minor units of `currency`. */
                                expansion: number;
                                /** @description In minor units of `currency`. */
                                contraction: number;
                                /** @description In minor units of `currency`. */
                                churned: number;
                                /** @description In minor units of `currency`. */
                                reactivation: number;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.churn": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        churn: {
                            currency: string;
                            series: {
                                /** @example 2026-03-01 */
                                date: string;
                                customersAtStart: number;
                                churnedCustomers: number;
                                /** @description A fraction (0.05 is 5%); null when the base is zero. */
                                customerChurnRate: number | null;
                                /** @description In minor units of `currency`. */
                                mrrAtStart: number;
                                /** @description In minor units of `currency`. */
                                churnedMrr: number;
                                /** @description In minor units of `currency`. */
                                contractionMrr: number;
                                /** @description A fraction (0.05 is 5%); null when the base is zero. */
                                grossMrrChurnRate: number | null;
                                /** @description A fraction (0.05 is 5%); null when the base is zero. */
                                netMrrChurnRate: number | null;
                                /** @description In minor units of `currency`. */
                                voluntaryChurnedMrr: number;
                                /** @description In minor units of `currency`. */
                                delinquentChurnedMrr: number;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.customers": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customers: {
                            currency: string;
                            total: number;
                            paying: number;
                            trialing: number;
                            series: {
                                /** @example 2026-03-01 */
                                date: string;
                                new: number;
                                total: number;
                                paying: number;
                                trialing: number;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.retention": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
                cohorts?: number;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        retention: {
                            currency: string;
                            cohorts: {
                                /** @example 2026-03 */
                                month: string;
                                customers: number;
                                /** @description In minor units of `currency`. */
                                mrr: number;
                                logo: (number | null)[];
                                revenue: (number | null)[];
                            }[];
                            quickRatio: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.summary": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        summary: components["schemas"]["AnalyticsSummary"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.webhooks": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: {
                            series: {
                                /** @example 2026-03-01 */
                                date: string;
                                received: number;
                                applied: number;
                                failed: number;
                                pending: number;
                                duplicates: number;
                                p50DelayMs: number | null;
                                p95DelayMs: number | null;
                            }[];
                            byType: {
                                type: string;
                                received: number;
                                failed: number;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.export": {
        parameters: {
            query: {
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                currency?: string;
                metric: "mrr" | "churn" | "customers";
                format?: "csv";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series of the metric, one row per date. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "analytics.rebuild": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        summary: components["schemas"]["AnalyticsSummary"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.getConfig": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralConfig: components["schemas"]["ReferralConfig"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.putConfig": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                    refereeDiscount: {
                        /** @enum {string} */
                        type: "percent" | "amount";
                        value: number;
                        currency?: string;
                        durationMonths: number;
                    };
                    referrerReward: {
                        /** @enum {string} */
                        type: "percent" | "amount" | "credit";
                        value: number;
                        currency?: string;
                        durationMonths?: number;
                    };
                    /** @enum {string} */
                    rewardAfter: "signup" | "first_payment";
                    /** @default 60 */
                    attributionDays?: number;
                    /** @default 30 */
                    holdDays?: number;
                    maxRedemptionsPerCode?: number | null;
                    codeExpiresInDays?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralConfig: components["schemas"]["ReferralConfig"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.listCodes": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                customerId?: string;
                active?: "true" | "false";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralCodes: components["schemas"]["ReferralCode"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.createCode": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId: string;
                    code?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralCode: components["schemas"]["ReferralCode"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.getCode": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralCode: components["schemas"]["ReferralCode"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.deactivateCode": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralCode: components["schemas"]["ReferralCode"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.apply": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "code": "JANE-2026",
                 *       "customerId": "pc_e5f6g7h8"
                 *     } */
                "application/json": {
                    code: string;
                    customerId: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referral: components["schemas"]["Referral"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "referrals.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                status?: "pending" | "qualified" | "rewarded" | "void";
                referrerCustomerId?: string;
                refereeCustomerId?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referrals: components["schemas"]["Referral"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                referralId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referral: components["schemas"]["Referral"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "referrals.stats": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referrals: {
                            codes: number;
                            referrals: number;
                            qualified: number;
                            rewarded: number;
                            void: number;
                            conversionRate: number;
                            /** @description Minor units by currency. */
                            referredMrr: {
                                [key: string]: number;
                            };
                            /** @description Minor units by currency. */
                            rewardsCost: {
                                [key: string]: number;
                            };
                        };
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.list": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhookEndpoints: components["schemas"]["WebhookEndpoint"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {
                 *       "url": "https://app.example.com/webhooks/billstack",
                 *       "events": [
                 *         "subscription.updated",
                 *         "invoice.paid"
                 *       ]
                 *     } */
                "application/json": {
                    url: string;
                    events: ("customer.created" | "customer.updated" | "customer.deleted" | "subscription.created" | "subscription.updated" | "subscription.canceled" | "subscription.resumed" | "subscription.renewed" | "subscription.past_due" | "invoice.paid" | "invoice.payment_failed" | "checkout.completed" | "referral.created" | "referral.qualified" | "referral.rewarded" | "referral.voided" | "*")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhookEndpoint: components["schemas"]["WebhookEndpoint"];
                        /**
                         * @description The signing secret (Standard Webhooks), shown once.
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhookEndpoint: components["schemas"]["WebhookEndpoint"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: ("customer.created" | "customer.updated" | "customer.deleted" | "subscription.created" | "subscription.updated" | "subscription.canceled" | "subscription.resumed" | "subscription.renewed" | "subscription.past_due" | "invoice.paid" | "invoice.payment_failed" | "checkout.completed" | "referral.created" | "referral.qualified" | "referral.rewarded" | "referral.voided" | "*")[];
                    enabled?: boolean;
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhookEndpoint: components["schemas"]["WebhookEndpoint"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.rotateSecret": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhookEndpoint: components["schemas"]["WebhookEndpoint"];
                        /**
                         * @description The signing secret (Standard Webhooks), shown once.
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.test": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivery: components["schemas"]["WebhookDelivery"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.listDeliveries": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
                status?: "pending" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: components["schemas"]["WebhookDelivery"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "webhookEndpoints.redeliver": {
        parameters: {
            query?: never;
            header?: {
                /** @description Any unique string (a UUID): a retry with the same key and body within 24 hours gets the first answer again instead of acting twice. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                teamId: string;
                projectId: string;
                endpointId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivery: components["schemas"]["WebhookDelivery"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            403: components["responses"]["E403"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: {
                            id: string;
                            email: string;
                            name: string | null;
                        };
                        returnUrl: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-03-30T12:00:00.000Z
                         */
                        expiresAt: string;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.listSubscriptions": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptions: components["schemas"]["PortalSubscription"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.listInvoices": {
        parameters: {
            query?: {
                /** @description Maximum items to return (1 to 100, default 50). */
                limit?: number;
                /** @description Number of items to skip (default 0); the answer's `total` counts them all. */
                offset?: number;
            };
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoices: components["schemas"]["Invoice"][];
                        total: number;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.referrals": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        referralProgram: {
                            code: string;
                            shareUrl: string | null;
                            referrals: {
                                id: string;
                                referee: string;
                                /** @enum {string} */
                                status: "pending" | "qualified" | "rewarded" | "void";
                                /**
                                 * Format: date-time
                                 * @example 2026-03-30T12:00:00.000Z
                                 */
                                createdAt: string;
                            }[];
                            rewards: {
                                count: number;
                                credits: {
                                    [key: string]: number;
                                };
                                coupons: number;
                            };
                        } | null;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.stripePortal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "portal.plans": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        plans: {
                            current: boolean;
                            priceId: string;
                            productName: string;
                            unitAmount: number;
                            currency: string;
                            /** @description null for a one-time price */
                            interval: ("day" | "week" | "month" | "year") | null;
                            intervalCount: number | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
        };
    };
    "portal.previewChange": {
        parameters: {
            query: {
                priceId: string;
            };
            header?: never;
            path: {
                token: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: components["schemas"]["PlanChangePreview"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "portal.change": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    priceId: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["PortalSubscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "portal.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["PortalSubscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "portal.resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["PortalSubscription"];
                    };
                };
            };
            400: components["responses"]["E400"];
            401: components["responses"]["E401"];
            404: components["responses"]["E404"];
            409: components["responses"]["E409"];
            429: components["responses"]["E429"];
            500: components["responses"]["E500"];
            502: components["responses"]["E502"];
        };
    };
    "meta.openapi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        openapi: "3.1.0";
                        info: {
                            version: string;
                        } & {
                            [key: string]: unknown;
                        };
                        paths: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            500: components["responses"]["E500"];
        };
    };
}
