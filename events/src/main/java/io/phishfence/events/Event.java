package io.phishfence.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on a PhishFence topic. Serialized as JSON with an explicit {@code type} and a schema
 * version {@code v}: changes are additive; a breaking change is a new {@code v}, and readers accept
 * both during the transition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TenantUpserted.class, name = TenantUpserted.TYPE),
        @JsonSubTypes.Type(value = DomainUpserted.class, name = DomainUpserted.TYPE),
        @JsonSubTypes.Type(value = TlsReportReceived.class, name = TlsReportReceived.TYPE),
        @JsonSubTypes.Type(value = CheckRequested.class, name = CheckRequested.TYPE),
        @JsonSubTypes.Type(value = DomainChecked.class, name = DomainChecked.TYPE),
        @JsonSubTypes.Type(value = AlertRaised.class, name = AlertRaised.TYPE),
        @JsonSubTypes.Type(value = AlertResolved.class, name = AlertResolved.TYPE),
        @JsonSubTypes.Type(value = PublicCheckRequested.class, name = PublicCheckRequested.TYPE),
        @JsonSubTypes.Type(value = PublicCheckCompleted.class, name = PublicCheckCompleted.TYPE)
})
public sealed interface Event permits TenantUpserted, DomainUpserted, TlsReportReceived, CheckRequested, DomainChecked,
        AlertRaised, AlertResolved, PublicCheckRequested, PublicCheckCompleted {

    /** Schema version of this event type. */
    int v();
}
