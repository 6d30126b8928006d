package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The values of a rule's edit form: description, action and rank, and the criteria either as the console filter's
 * fields (severity band, type, instance ID, account) when the rule uses only what they can show, or else as the
 * rule's FindingCriteria JSON, so that no criterion is dropped by a form that cannot show it.
 *
 * @param filter   the criteria as the filter's fields, or null when they are edited as JSON
 * @param json     the criteria as FindingCriteria JSON (the textarea's value when {@code filter} is null)
 * @param open     whether the form is shown open (after a preview or a refusal)
 * @param matching how many findings the criteria match now (after a preview without htmx), or -1
 */
public record RuleEdit(String name, String description, String action, String rank, FindingsFilter filter,
        String json, boolean open, long matching) {

    /** The form of a GetFilter answer, closed: the criteria as fields when {@link FindingsFilter#ofRule} can. */
    public static RuleEdit of(JsonNode filter) {
        JsonNode criteria = filter.path("findingCriteria");
        return new RuleEdit(filter.path("name").asText(), filter.path("description").asText(""),
                "NOOP".equals(filter.path("action").asText()) ? "NOOP" : "ARCHIVE", filter.path("rank").asText(""),
                FindingsFilter.ofRule(criteria), criteria.isMissingNode() ? "" : criteria.toPrettyString(), false, -1);
    }

    /** Whether the action is {@code ARCHIVE} (for templates). */
    public boolean archive() {
        return "ARCHIVE".equals(action);
    }

    /** This form with the number of findings its criteria match now. */
    public RuleEdit withMatching(long n) {
        return new RuleEdit(name, description, action, rank, filter, json, open, n);
    }
}
