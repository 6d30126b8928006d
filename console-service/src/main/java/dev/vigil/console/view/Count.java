package dev.vigil.console.view;

/**
 * One labelled count of the Summary page (a finding type, a resource, an account, a severity band).
 *
 * @param css a CSS class for the row's colour, or empty
 */
public record Count(String label, long count, String css) {
}
