package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One suppression rule or saved filter (GuardDuty's filter) as a row of the Suppression rules page.
 *
 * @param archive  whether it is a suppression rule (action {@code ARCHIVE}: matching new findings are archived at once)
 * @param criteria the rule's {@code findingCriteria.criterion} as compact JSON
 * @param edit     the values of the row's edit form (administrators)
 */
public record RuleRow(String name, String description, boolean archive, int rank, String criteria, RuleEdit edit) {

    /** The row of a GetFilter answer, its edit form prefilled from the rule. */
    public static RuleRow of(JsonNode filter) {
        return new RuleRow(filter.path("name").asText(), filter.path("description").asText(""),
                "ARCHIVE".equals(filter.path("action").asText()), filter.path("rank").asInt(),
                filter.path("findingCriteria").path("criterion").toString(), RuleEdit.of(filter));
    }

    /** This row with the edit form's values {@code edit} (the submitted ones, after a preview or a refusal). */
    public RuleRow withEdit(RuleEdit edit) {
        return new RuleRow(name, description, archive, rank, criteria, edit);
    }
}
