package io.sesfeedback.testing.ses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The SES API v2 operations this project calls and moto 5.2.1 does not serve, on loopback: the
 * account-level suppression list (list, put, delete), GetAccount, PutAccountSendingAttributes,
 * GetConfigurationSet and PutConfigurationSetSendingOptions, ListRecommendations; tenants
 * (ListTenants, GetTenant, ListReputationEntities, GetReputationEntity,
 * UpdateReputationEntityCustomerManagedStatus, PutTenantSuppressionAttributes) and each tenant's
 * suppression list (the suppression calls with {@code TenantName}); and SendEmail, from verified
 * identities only, refused with AccessDenied to the blocked domains as the guard's IAM Deny on
 * {@code ses:Recipients} would (moto evaluates no IAM policy), handing each accepted mail to a
 * listener that plays SES's side. Written from the SES API v2 reference: REST paths, JSON fields,
 * epoch-second timestamps, errors as their HTTP status with {@code x-amzn-ErrorType}. Lists come in
 * pages of {@link #pageSize(int)} ({@value #PAGE_SIZE} unless set; for recommendations the
 * request's {@code PageSize} if smaller), so that paging is exercised.
 */
public final class SesV2StandIn implements AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final int PAGE_SIZE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPRESSION_PATH = "/v2/email/suppression/addresses";
    private static final String ACCOUNT_PATH = "/v2/email/account";
    private static final String CONFIGURATION_SETS_PATH = "/v2/email/configuration-sets/";
    private static final String SEND_PATH = "/v2/email/outbound-emails";
    private static final String RECOMMENDATIONS_PATH = "/v2/email/vdm/recommendations";
    private static final String TENANTS_PATH = "/v2/email/tenants/";
    private static final String TENANT_SUPPRESSION_PATH = "/v2/email/tenant/suppression";
    private static final String REPUTATION_ENTITIES_PATH = "/v2/email/reputation/entities";
    public static final String ACCOUNT_ID = "123456789012";

    /**
     * One call as it arrived: the operation as SES names it, the HTTP method, the body, and when,
     * in System.nanoTime.
     */
    public record Call(String operation, String method, String body, long at) {}

    /** An error SES answers instead: its HTTP status and error type. */
    public record Refusal(int status, String errorType, String message) {}

    /** A mail SendEmail accepted. */
    public record Sent(String messageId, String from, List<String> to, String configurationSet) {}

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private Refusal everyCall;
    private int pageSize = PAGE_SIZE;

    private final Map<String, String> reasons = new TreeMap<>();
    private final Set<String> refusedAddresses = new HashSet<>();
    private Map<String, Object> account = Map.of();
    private final Map<String, Boolean> configurationSetsSending = new TreeMap<>();
    private final List<Map<String, Object>> recommendations = new ArrayList<>();
    private final Map<String, Tenant> tenants = new TreeMap<>();
    private final Map<String, String> configurationSetScopes = new TreeMap<>();

    private final Set<String> verified = new HashSet<>();
    private final Set<String> blockedDomains = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private String sendRefusal;
    private Consumer<Sent> onSend = mail -> {};

    /** SES's side runs after SendEmail answers, as SES publishes its notifications later. */
    private final ExecutorService sesSide = Executors.newSingleThreadExecutor();

    private SesV2StandIn(HttpServer server) {
        this.server = server;
        server.createContext(SUPPRESSION_PATH, this::handleSuppression);
        server.createContext(ACCOUNT_PATH, this::handleAccount);
        server.createContext(CONFIGURATION_SETS_PATH, this::handleConfigurationSet);
        server.createContext(SEND_PATH, this::handleSend);
        server.createContext(RECOMMENDATIONS_PATH, this::handleRecommendations);
        server.createContext(TENANTS_PATH, this::handleTenants);
        server.createContext(TENANT_SUPPRESSION_PATH, this::handleTenantSuppression);
        server.createContext(REPUTATION_ENTITIES_PATH, this::handleReputationEntities);
        server.start();
    }

    public static SesV2StandIn start() throws IOException {
        return new SesV2StandIn(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An SES API v2 client of this stand-in; each interceptor sees every call it makes. */
    public SesV2Client client(ExecutionInterceptor... interceptors) {
        return SesV2Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        configuration -> configuration.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** The most a page holds, whatever the request asks: SES's own largest is 100. */
    public synchronized void pageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Every call from now on is answered with this error (null: answered again). */
    public synchronized void refuseEveryCall(Refusal refusal) {
        this.everyCall = refusal;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    // the account-level suppression list

    public synchronized void list(String address, String reason) {
        reasons.put(address, reason);
    }

    public synchronized Map<String, String> listed() {
        return Map.copyOf(reasons);
    }

    /**
     * PutSuppressedDestination of this address answers BadRequestException, as SES does for one it
     * will not take.
     */
    public synchronized void refuseAddress(String address) {
        refusedAddresses.add(address);
    }

    // the account

    /** What GetAccount answers, as SES's JSON has it. */
    public synchronized void account(Map<String, Object> details) {
        account = details;
    }

    /** What GetAccount answers for an account in this state, in SES's JSON field names. */
    public synchronized void account(
            String enforcementStatus, boolean sendingEnabled, boolean vdmEnabled) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("DedicatedIpAutoWarmupEnabled", false);
        details.put("EnforcementStatus", enforcementStatus);
        details.put("ProductionAccessEnabled", true);
        details.put("SendingEnabled", sendingEnabled);
        details.put(
                "SendQuota",
                Map.of("Max24HourSend", 50000.0, "MaxSendRate", 14.0, "SentLast24Hours", 1234.0));
        details.put(
                "VdmAttributes",
                Map.of(
                        "VdmEnabled",
                        vdmEnabled ? "ENABLED" : "DISABLED",
                        "DashboardAttributes",
                        Map.of("EngagementMetrics", "ENABLED")));
        // SES's default for accounts created since 2019-11-25
        details.put(
                "SuppressionAttributes",
                Map.of("SuppressedReasons", List.of("BOUNCE", "COMPLAINT")));
        account = details;
    }

    /**
     * GetAccount's account-level suppression: these SuppressedReasons, or (null) no
     * SuppressionAttributes at all; SES's answer when it is off is not documented, so both are
     * served (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html).
     */
    public synchronized void accountSuppression(List<String> suppressedReasons) {
        Map<String, Object> changed = new LinkedHashMap<>(account);
        if (suppressedReasons == null) {
            changed.remove("SuppressionAttributes");
        } else {
            changed.put("SuppressionAttributes", Map.of("SuppressedReasons", suppressedReasons));
        }
        account = changed;
    }

    /** The account's SendingEnabled, as GetAccount answers it. */
    public synchronized Object accountSending() {
        return account.get("SendingEnabled");
    }

    /** A configuration set, sending or paused. */
    public synchronized void configurationSet(String name, boolean sending) {
        configurationSetsSending.put(name, sending);
    }

    public synchronized boolean sends(String configurationSet) {
        return configurationSetsSending.get(configurationSet);
    }

    /** A recommendation SES has made; only OPEN ones are listed under the OPEN filter. */
    public synchronized void recommend(String type, String identity, String impact, String status) {
        recommend(type, identity, impact, status, type + " is not set up for " + identity + ".");
    }

    public synchronized void recommend(
            String type, String identity, String impact, String status, String description) {
        Map<String, Object> recommendation = new LinkedHashMap<>();
        recommendation.put(
                "ResourceArn", "arn:aws:ses:" + REGION + ":123456789012:identity/" + identity);
        recommendation.put("Type", type);
        recommendation.put("Description", description);
        recommendation.put("Status", status);
        recommendation.put("Impact", impact);
        recommendation.put("CreatedTimestamp", 1_795_000_000);
        recommendation.put("LastUpdatedTimestamp", 1_795_000_100);
        recommendations.add(recommendation);
    }

    public synchronized void clearRecommendations() {
        recommendations.clear();
    }

    // tenants (https://docs.aws.amazon.com/ses/latest/dg/tenants.html)

    /**
     * A tenant as SES keeps it: its sending statuses (customer-managed and SES-managed, each
     * ENABLED, REINSTATED or DISABLED), its reputation policy (none, standard or strict), the
     * impact of its worst open finding (LOW, HIGH or null), and its suppression settings (scope
     * ACCOUNT or TENANT, the reasons), each with the time it last changed.
     */
    public static final class Tenant {
        private final String name;
        private final String id;
        private String customerStatus = "ENABLED";
        private String customerCause;
        private long customerUpdated = 1_795_000_000;
        private String sesStatus = "ENABLED";
        private String sesCause;
        private String policy = "standard";
        private String impact;
        private String suppressionScope;
        private List<String> suppressedReasons;
        private final Map<String, String> reasons = new TreeMap<>();

        private Tenant(String name, String id) {
            this.name = name;
            this.id = id;
        }

        public String name() {
            return name;
        }

        /** arn:aws:ses:REGION:ACCOUNT:tenant/NAME/ID, as the tenant ARN is printed in the docs. */
        public String arn() {
            return "arn:aws:ses:" + REGION + ":" + ACCOUNT_ID + ":tenant/" + name + "/" + id;
        }

        /** DISABLED if either status is, else REINSTATED if the customer's is, else ENABLED. */
        public String aggregateStatus() {
            if (customerStatus.equals("DISABLED") || sesStatus.equals("DISABLED")) {
                return "DISABLED";
            }
            return customerStatus.equals("REINSTATED") ? "REINSTATED" : "ENABLED";
        }

        public String customerStatus() {
            return customerStatus;
        }

        public String sesStatus() {
            return sesStatus;
        }

        public String policy() {
            return policy;
        }

        private Map<String, Object> info() {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("TenantName", name);
            info.put("TenantId", id);
            info.put("TenantArn", arn());
            info.put("CreatedTimestamp", 1_790_000_000);
            return info;
        }

        private Map<String, Object> details() {
            Map<String, Object> details = info();
            details.put("SendingStatus", aggregateStatus());
            if (suppressionScope != null) {
                details.put(
                        "SuppressionAttributes",
                        Map.of(
                                "SuppressionScope",
                                suppressionScope,
                                "SuppressedReasons",
                                suppressedReasons));
            }
            return details;
        }

        private Map<String, Object> entity() {
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("ReputationEntityReference", arn());
            entity.put("ReputationEntityType", "RESOURCE");
            entity.put(
                    "ReputationManagementPolicy",
                    "arn:aws:ses:" + REGION + ":aws:reputation-policy/" + policy);
            entity.put(
                    "CustomerManagedStatus",
                    record(customerStatus, customerCause, customerUpdated));
            entity.put("AwsSesManagedStatus", record(sesStatus, sesCause, 1_795_000_000));
            entity.put("SendingStatusAggregate", aggregateStatus());
            if (impact != null) {
                entity.put("ReputationImpact", impact);
            }
            return entity;
        }

        private static Map<String, Object> record(String status, String cause, long updated) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("Status", status);
            if (cause != null) {
                record.put("Cause", cause);
            }
            record.put("LastUpdatedTimestamp", updated);
            return record;
        }
    }

    /** A tenant, sending, under the standard policy and the account's suppression list. */
    public synchronized Tenant tenant(String name) {
        return tenants.computeIfAbsent(
                name,
                key ->
                        new Tenant(
                                key,
                                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                                        .toString()));
    }

    /** Forgets every tenant, as if each were deleted (DeleteTenant). */
    public synchronized void clearTenants() {
        tenants.clear();
    }

    /** SES's own sending status of the tenant, as its reputation policy set it. */
    public synchronized void sesStatus(String tenant, String status, String cause) {
        Tenant t = tenant(tenant);
        t.sesStatus = status;
        t.sesCause = cause;
    }

    /**
     * The customer-managed sending status, as UpdateReputationEntityCustomerManagedStatus sets it.
     */
    public synchronized void customerStatus(String tenant, String status, long updatedEpochSecond) {
        Tenant t = tenant(tenant);
        t.customerStatus = status;
        t.customerUpdated = updatedEpochSecond;
    }

    /** The reputation policy: none, standard or strict. */
    public synchronized void policy(String tenant, String policy) {
        tenant(tenant).policy = policy;
    }

    /** The impact of the tenant's worst open finding: LOW, HIGH, or null for none. */
    public synchronized void impact(String tenant, String impact) {
        tenant(tenant).impact = impact;
    }

    /** The tenant's suppression settings: scope ACCOUNT or TENANT, and the reasons. */
    public synchronized void tenantSuppression(String tenant, String scope, List<String> reasons) {
        Tenant t = tenant(tenant);
        t.suppressionScope = scope;
        t.suppressedReasons = reasons;
    }

    /** An address on a tenant's own suppression list. */
    public synchronized void list(String tenant, String address, String reason) {
        tenant(tenant).reasons.put(address, reason);
    }

    /** A tenant's own suppression list. */
    public synchronized Map<String, String> listed(String tenant) {
        return Map.copyOf(tenant(tenant).reasons);
    }

    /** A finding about a tenant, listed by ListRecommendations with the tenant's ARN. */
    public synchronized void recommendForTenant(
            String tenant, String type, String impact, String status) {
        recommend(type, "x", impact, status, type + " findings for tenant " + tenant + ".");
        recommendations.get(recommendations.size() - 1).put("ResourceArn", tenant(tenant).arn());
    }

    /**
     * A configuration set's SuppressionOptions.SuppressionScope (ACCOUNT or TENANT), which
     * overrides the tenant's
     * (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-tenant-level.html).
     */
    public synchronized void configurationSetSuppressionScope(String name, String scope) {
        configurationSetScopes.put(name, scope);
    }

    // sending

    /** An identity that may send: a domain, or an address. */
    public synchronized void verify(String identity) {
        verified.add(identity);
    }

    /** A recipient domain the guard denies (the domain and its subdomains). */
    public synchronized void block(String domain) {
        blockedDomains.add(domain);
    }

    public synchronized void unblockAll() {
        blockedDomains.clear();
        sendRefusal = null;
    }

    /**
     * Every send answers AccessDenied with this message, as for a caller that may not send at all.
     */
    public synchronized void refuseEverySend(String message) {
        sendRefusal = message;
    }

    /** Called with each accepted mail, after SendEmail has answered. */
    public synchronized void onSend(Consumer<Sent> listener) {
        onSend = listener;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    private boolean answeredAsRefused(HttpExchange exchange, String operation, String body)
            throws IOException {
        calls.add(new Call(operation, exchange.getRequestMethod(), body, System.nanoTime()));
        if (everyCall == null) {
            return false;
        }
        answer(
                exchange,
                everyCall.status(),
                Map.of("message", everyCall.message()),
                everyCall.errorType());
        return true;
    }

    private synchronized void handleSuppression(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String method = exchange.getRequestMethod();
        String operation =
                switch (method) {
                    case "GET" ->
                            exchange.getRequestURI().getRawPath().length()
                                            > SUPPRESSION_PATH.length() + 1
                                    ? "GetSuppressedDestination"
                                    : "ListSuppressedDestinations";
                    case "PUT" -> "PutSuppressedDestination";
                    case "DELETE" -> "DeleteSuppressedDestination";
                    default -> method;
                };
        if (answeredAsRefused(exchange, operation, body)) {
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String tenantName = queryValue(exchange, "TenantName");
        if (method.equals("PUT")) {
            tenantName = (String) parse(body).get("TenantName");
        }
        if (tenantName != null && !tenants.containsKey(tenantName)) {
            answer(
                    exchange,
                    404,
                    Map.of("message", "Tenant " + tenantName + " does not exist."),
                    "NotFoundException");
            return;
        }
        Map<String, String> reasons =
                tenantName == null ? this.reasons : tenants.get(tenantName).reasons;
        boolean oneAddress = path.length() > SUPPRESSION_PATH.length() + 1;
        switch (method) {
            case "GET" -> {
                if (oneAddress) {
                    suppressedDestination(exchange, path, tenantName, reasons);
                } else {
                    suppressionPage(exchange, reasons);
                }
            }
            case "PUT" -> {
                Map<String, Object> request = parse(body);
                String address = (String) request.get("EmailAddress");
                if (refusedAddresses.contains(address)) {
                    answer(
                            exchange,
                            400,
                            Map.of("message", "Invalid email address " + address),
                            "BadRequestException");
                } else {
                    reasons.put(address, (String) request.get("Reason"));
                    answer(exchange, 200, Map.of(), null);
                }
            }
            case "DELETE" -> {
                String address =
                        URLDecoder.decode(
                                path.substring(SUPPRESSION_PATH.length() + 1),
                                StandardCharsets.UTF_8);
                if (reasons.remove(address) == null) {
                    answer(
                            exchange,
                            404,
                            Map.of(
                                    "message",
                                    "Email address "
                                            + address
                                            + " does not exist on your suppression list."),
                            "NotFoundException");
                } else {
                    answer(exchange, 200, Map.of(), null);
                }
            }
            default ->
                    answer(
                            exchange,
                            405,
                            Map.of("message", "not served here"),
                            "BadRequestException");
        }
    }

    private void suppressedDestination(
            HttpExchange exchange, String path, String tenantName, Map<String, String> reasons)
            throws IOException {
        String address =
                URLDecoder.decode(
                        path.substring(SUPPRESSION_PATH.length() + 1), StandardCharsets.UTF_8);
        if (!reasons.containsKey(address)) {
            answer(
                    exchange,
                    404,
                    Map.of("message", "Email address " + address + " does not exist."),
                    "NotFoundException");
            return;
        }
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("EmailAddress", address);
        destination.put("Reason", reasons.get(address));
        destination.put("LastUpdateTime", 1_795_000_000);
        if (tenantName != null) {
            destination.put("TenantName", tenantName);
        }
        answer(exchange, 200, Map.of("SuppressedDestination", destination), null);
    }

    private static String queryValue(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void suppressionPage(HttpExchange exchange, Map<String, String> reasons)
            throws IOException {
        String query = exchange.getRequestURI().getQuery();
        int from = 0;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("NextToken=")) {
                    from = Integer.parseInt(pair.substring("NextToken=".length()));
                }
            }
        }
        List<Map<String, Object>> summaries = new ArrayList<>();
        List<String> addresses = new ArrayList<>(reasons.keySet());
        for (int i = from; i < Math.min(addresses.size(), from + pageSize); i++) {
            summaries.add(
                    Map.of(
                            "EmailAddress",
                            addresses.get(i),
                            "Reason",
                            reasons.get(addresses.get(i)),
                            "LastUpdateTime",
                            1_795_000_000 + i));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("SuppressedDestinationSummaries", summaries);
        if (from + pageSize < addresses.size()) {
            page.put("NextToken", Integer.toString(from + pageSize));
        }
        answer(exchange, 200, page, null);
    }

    private synchronized void handleAccount(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        boolean putSending =
                exchange.getRequestMethod().equals("PUT")
                        && exchange.getRequestURI().getRawPath().equals(ACCOUNT_PATH + "/sending");
        if (answeredAsRefused(
                exchange, putSending ? "PutAccountSendingAttributes" : "GetAccount", body)) {
            return;
        }
        if (putSending) {
            Map<String, Object> changed = new LinkedHashMap<>(account);
            changed.put("SendingEnabled", parse(body).get("SendingEnabled"));
            account = changed;
            answer(exchange, 200, Map.of(), null);
        } else {
            answer(exchange, 200, account, null);
        }
    }

    /**
     * GET /v2/email/configuration-sets/NAME and PUT .../NAME/sending; NotFoundException for a set
     * not made here.
     */
    private synchronized void handleConfigurationSet(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String[] path =
                exchange.getRequestURI()
                        .getRawPath()
                        .substring(CONFIGURATION_SETS_PATH.length())
                        .split("/");
        boolean putSending =
                exchange.getRequestMethod().equals("PUT")
                        && path.length == 2
                        && path[1].equals("sending");
        if (answeredAsRefused(
                exchange,
                putSending ? "PutConfigurationSetSendingOptions" : "GetConfigurationSet",
                body)) {
            return;
        }
        String name = URLDecoder.decode(path[0], StandardCharsets.UTF_8);
        if (!configurationSetsSending.containsKey(name)) {
            answer(
                    exchange,
                    404,
                    Map.of("message", "Configuration set <" + name + "> does not exist."),
                    "NotFoundException");
        } else if (putSending) {
            configurationSetsSending.put(
                    name, Boolean.TRUE.equals(parse(body).get("SendingEnabled")));
            answer(exchange, 200, Map.of(), null);
        } else {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("ConfigurationSetName", name);
            set.put("SendingOptions", Map.of("SendingEnabled", configurationSetsSending.get(name)));
            if (configurationSetScopes.containsKey(name)) {
                set.put(
                        "SuppressionOptions",
                        Map.of(
                                "SuppressedReasons",
                                List.of("BOUNCE", "COMPLAINT"),
                                "SuppressionScope",
                                configurationSetScopes.get(name)));
            }
            answer(exchange, 200, set, null);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void handleSend(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        if (answeredAsRefused(exchange, "SendEmail", body)) {
            return;
        }
        Map<String, Object> request = parse(body);
        String from = (String) request.get("FromEmailAddress");
        List<String> to =
                (List<String>)
                        ((Map<String, Object>) request.get("Destination")).get("ToAddresses");
        if (!verified.contains(from) && !verified.contains(from.substring(from.indexOf('@') + 1))) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "message",
                            "Email address is not verified. The following identities failed the check: "
                                    + from),
                    "MessageRejected");
            return;
        }
        if (sendRefusal != null) {
            answer(exchange, 403, Map.of("message", sendRefusal), "AccessDeniedException");
            return;
        }
        if (to.stream().anyMatch(this::blocked)) {
            answer(
                    exchange,
                    403,
                    Map.of(
                            "message",
                            "User is not authorized to perform ses:SendEmail with an explicit deny"),
                    "AccessDeniedException");
            return;
        }
        Sent mail =
                new Sent(
                        String.format("%016x-%s-000000", System.nanoTime(), UUID.randomUUID()),
                        from,
                        to,
                        (String) request.get("ConfigurationSetName"));
        sent.add(mail);
        Consumer<Sent> listener = onSend;
        sesSide.submit(() -> listener.accept(mail));
        answer(exchange, 200, Map.of("MessageId", mail.messageId()), null);
    }

    private boolean blocked(String address) {
        return blockedDomains.stream()
                .anyMatch(
                        domain -> address.endsWith("@" + domain) || address.endsWith("." + domain));
    }

    /**
     * POST /v2/email/vdm/recommendations: {@code Filter} (STATUS OPEN lists open ones only), {@code
     * NextToken}, {@code PageSize}.
     */
    @SuppressWarnings("unchecked")
    private synchronized void handleRecommendations(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        if (answeredAsRefused(exchange, "ListRecommendations", body)) {
            return;
        }
        Map<String, Object> request = body.isBlank() ? Map.of() : parse(body);
        int from = request.get("NextToken") instanceof String token ? Integer.parseInt(token) : 0;
        int size =
                request.get("PageSize") instanceof Number requested
                        ? Math.min(pageSize, requested.intValue())
                        : pageSize;
        Map<?, ?> filter = request.get("Filter") instanceof Map<?, ?> given ? given : Map.of();
        boolean openOnly = "OPEN".equals(filter.get("STATUS"));
        Object resource = filter.get("RESOURCE_ARN");
        List<Map<String, Object>> listed =
                recommendations.stream()
                        .filter(r -> !openOnly || "OPEN".equals(r.get("Status")))
                        .filter(r -> resource == null || resource.equals(r.get("ResourceArn")))
                        .toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(
                "Recommendations",
                listed.subList(
                        Math.min(from, listed.size()), Math.min(from + size, listed.size())));
        if (from + size < listed.size()) {
            page.put("NextToken", Integer.toString(from + size));
        }
        answer(exchange, 200, page, null);
    }

    /** POST /v2/email/tenants/list (ListTenants) and /v2/email/tenants/get (GetTenant). */
    private synchronized void handleTenants(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String action = exchange.getRequestURI().getRawPath().substring(TENANTS_PATH.length());
        String operation =
                switch (action) {
                    case "list" -> "ListTenants";
                    case "get" -> "GetTenant";
                    default -> action;
                };
        if (answeredAsRefused(exchange, operation, body)) {
            return;
        }
        Map<String, Object> request = body.isBlank() ? Map.of() : parse(body);
        if (operation.equals("ListTenants")) {
            answer(
                    exchange,
                    200,
                    page("Tenants", tenants.values().stream().map(Tenant::info).toList(), request),
                    null);
        } else if (operation.equals("GetTenant")) {
            Tenant tenant = tenants.get((String) request.get("TenantName"));
            if (tenant == null) {
                notFound(exchange, "Tenant " + request.get("TenantName") + " does not exist.");
            } else {
                answer(exchange, 200, Map.of("Tenant", tenant.details()), null);
            }
        } else {
            answer(exchange, 405, Map.of("message", "not served here"), "BadRequestException");
        }
    }

    /** POST /v2/email/tenant/suppression: PutTenantSuppressionAttributes. */
    @SuppressWarnings("unchecked")
    private synchronized void handleTenantSuppression(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        if (answeredAsRefused(exchange, "PutTenantSuppressionAttributes", body)) {
            return;
        }
        Map<String, Object> request = parse(body);
        Tenant tenant = tenants.get((String) request.get("TenantName"));
        if (tenant == null) {
            notFound(exchange, "Tenant " + request.get("TenantName") + " does not exist.");
            return;
        }
        tenant.suppressionScope = (String) request.get("SuppressionScope");
        tenant.suppressedReasons = (List<String>) request.get("SuppressedReasons");
        answer(exchange, 200, Map.of(), null);
    }

    /**
     * POST /v2/email/reputation/entities (ListReputationEntities; the SENDING_STATUS and
     * ENTITY_REFERENCE_PREFIX filters), GET .../RESOURCE/ARN (GetReputationEntity) and PUT
     * .../RESOURCE/ARN/customer-managed-status (UpdateReputationEntityCustomerManagedStatus); only
     * tenants are entities here.
     */
    private synchronized void handleReputationEntities(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String[] path =
                exchange.getRequestURI()
                        .getRawPath()
                        .substring(REPUTATION_ENTITIES_PATH.length())
                        .split("/");
        String operation =
                path.length <= 1
                        ? "ListReputationEntities"
                        : path.length == 3
                                ? "GetReputationEntity"
                                : path.length == 4 && path[3].equals("customer-managed-status")
                                        ? "UpdateReputationEntityCustomerManagedStatus"
                                        : "UpdateReputationEntityPolicy";
        if (answeredAsRefused(exchange, operation, body)) {
            return;
        }
        if (operation.equals("ListReputationEntities")) {
            Map<String, Object> request = body.isBlank() ? Map.of() : parse(body);
            Map<?, ?> filter = request.get("Filter") instanceof Map<?, ?> given ? given : Map.of();
            Object status = filter.get("SENDING_STATUS");
            Object prefix = filter.get("ENTITY_REFERENCE_PREFIX");
            answer(
                    exchange,
                    200,
                    page(
                            "ReputationEntities",
                            tenants.values().stream()
                                    .filter(
                                            t ->
                                                    status == null
                                                            || status.equals(t.aggregateStatus()))
                                    .filter(
                                            t ->
                                                    prefix == null
                                                            || t.arn().startsWith((String) prefix))
                                    .map(Tenant::entity)
                                    .toList(),
                            request),
                    null);
            return;
        }
        String reference = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
        Tenant tenant =
                tenants.values().stream()
                        .filter(t -> t.arn().equals(reference))
                        .findFirst()
                        .orElse(null);
        if (tenant == null) {
            notFound(exchange, "Reputation entity " + reference + " does not exist.");
        } else if (operation.equals("GetReputationEntity")) {
            answer(exchange, 200, Map.of("ReputationEntity", tenant.entity()), null);
        } else if (operation.equals("UpdateReputationEntityCustomerManagedStatus")) {
            tenant.customerStatus = (String) parse(body).get("SendingStatus");
            tenant.customerUpdated = System.currentTimeMillis() / 1000;
            answer(exchange, 200, Map.of(), null);
        } else {
            String policy = (String) parse(body).get("ReputationEntityPolicy");
            tenant.policy = policy.substring(policy.lastIndexOf('/') + 1);
            answer(exchange, 200, Map.of(), null);
        }
    }

    /** One page of a list, paged by an index token, PageSize honoured when smaller. */
    private Map<String, Object> page(
            String key, List<Map<String, Object>> all, Map<String, Object> request) {
        int from = request.get("NextToken") instanceof String token ? Integer.parseInt(token) : 0;
        int size =
                request.get("PageSize") instanceof Number requested
                        ? Math.min(pageSize, requested.intValue())
                        : pageSize;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(key, all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())));
        if (from + size < all.size()) {
            page.put("NextToken", Integer.toString(from + size));
        }
        return page;
    }

    private static void notFound(HttpExchange exchange, String message) throws IOException {
        answer(exchange, 404, Map.of("message", message), "NotFoundException");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> parse(String body) throws IOException {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
    }

    private static void answer(
            HttpExchange exchange, int status, Map<String, ?> body, String errorType)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        sesSide.shutdownNow();
        server.stop(0);
    }
}
