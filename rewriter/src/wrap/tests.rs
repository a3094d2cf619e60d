use super::*;

/// A line broken at the marks of its own tokens.
fn wrap(line: &str) -> Vec<String> {
    wrap_long_line(line, &lexed_marks(line))
}

#[test]
fn long_line_breaks_in_the_first_call_with_several_arguments() {
    let line = "\tGET_KIOV(desc) = kvzalloc(nfrags * sizeof(*GET_KIOV(desc)), GFP_KERNEL_ACCOUNT);";
    assert_eq!(
        wrap(line),
        [
            "\tGET_KIOV(desc) = kvzalloc(nfrags * sizeof(*GET_KIOV(desc)),",
            "\t\t\t\t  GFP_KERNEL_ACCOUNT);",
        ]
    );
}

#[test]
fn long_lines_wrapped_like_spatch() {
    let line = "\tx = very_long_function_name_number_one(first_argument_value, second_argument_value, third_argument_value);";
    assert_eq!(
        wrap(line),
        [
            "\tx = very_long_function_name_number_one(first_argument_value,",
            "\t\t\t\t\t       second_argument_value,",
            "\t\t\t\t\t       third_argument_value);",
        ]
    );
    let line =
        "\trc = outer_function(inner_function(argument_one, argument_two), argument_three_long);";
    assert_eq!(
        wrap(line),
        [
            "\trc = outer_function(inner_function(argument_one, argument_two),",
            "\t\t\t    argument_three_long);"
        ]
    );
    // 79 columns stay, 80 are broken.
    let fits = format!("\tx = fn(first_argu, {});", "a".repeat(50));
    assert_eq!(display_width(&fits), 79);
    assert_eq!(wrap(&fits), vec![fits.clone()]);
    let over = format!("\tx = fn(first_argu, {});", "a".repeat(51));
    assert_eq!(
        wrap(&over),
        [
            "\tx = fn(first_argu,".to_string(),
            format!("\t       {});", "a".repeat(51))
        ]
    );
    // No call: left alone.
    let cond = format!("\tif (first_condition_value && {})", "b".repeat(70));
    assert_eq!(wrap(&cond), vec![cond.clone()]);
}
