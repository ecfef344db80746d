//! The text reader on whole pages: tables, paragraphs, examples and JSON documents.

use super::*;

fn read(s: &str) -> Page {
    read_text_page("page.txt", s.as_bytes()).expect("readable")
}

fn kinds(page: &Page) -> Vec<String> {
    page.blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } => format!("H {text}"),
            Block::Paragraph { text, location } => format!("P{} {text}", location.line),
            Block::Table(t) => format!(
                "T{} {}",
                t.location.line,
                t.rows
                    .iter()
                    .map(|r| r.cells.join(","))
                    .collect::<Vec<_>>()
                    .join(";")
            ),
            Block::Code { text, location } => {
                format!("C{} {}", location.line, text.replace('\n', "⏎"))
            }
        })
        .collect()
}

fn warnings(page: &Page) -> Vec<String> {
    page.warnings.iter().map(|w| w.to_string()).collect()
}

#[test]
fn reads_tables_paragraphs_and_examples() {
    let page = read("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\nPOST / HTTP/1.1\nHost: x\n<Common request parameters>\n{\n\"A\": 1\n}\n{\"Response\": {}}\n");
    assert_eq!(
        kinds(&page),
        [
            "P1 Intro.",
            "T2 1,2",
            "C5 POST / HTTP/1.1⏎Host: x⏎<Common request parameters>⏎{⏎\"A\": 1⏎}",
            "C11 {\"Response\": {}}"
        ]
    );
    let Block::Table(t) = &page.blocks[1] else {
        panic!("table")
    };
    assert_eq!(t.rows[0].location.line, 4);
    assert!(page.warnings.is_empty());
}

#[test]
fn escaped_pipes_stay_in_cells() {
    let page = read("| A | B |\n|---|---|\n| a \\| b | c |\n");
    let Block::Table(t) = &page.blocks[0] else {
        panic!()
    };
    assert_eq!(t.rows[0].cells, vec!["a | b", "c"]);
}

#[test]
fn crlf_bom_and_blank_lines_are_tolerated() {
    let crlf = read(
        "\u{feff}Intro.\r\n\r\n\r\n| A | B |\r\n|---|---|\r\n\r\n| 1 | 2 |\r\n\r\n| 3 | 4 |\r\n",
    );
    let plain = read("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n");
    assert_eq!(crlf.blocks.len(), 2);
    let (Block::Table(a), Block::Table(b)) = (&crlf.blocks[1], &plain.blocks[1]) else {
        panic!()
    };
    assert_eq!(a.header, b.header);
    assert_eq!(
        a.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(),
        b.rows.iter().map(|r| &r.cells).collect::<Vec<_>>()
    );
}

#[test]
fn back_to_back_tables_split_at_the_next_header() {
    let page =
        read("| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n| X | Y |\n|---|---|\n| 4 | 5 |\n");
    assert_eq!(page.blocks.len(), 2);
    let Block::Table(second) = &page.blocks[1] else {
        panic!()
    };
    assert_eq!(second.header, vec!["X", "Y"]);
    assert_eq!(second.location.line, 4);
}

#[test]
fn only_an_empty_page_is_an_error() {
    for input in [&b""[..], b"\n  \n", b"\xef\xbb\xbf"] {
        let err = read_text_page("bad.txt", input).expect_err("empty");
        assert_eq!(
            err.to_string(),
            "bad.txt:1: the page is empty; expected a Tencent Cloud API doc page"
        );
    }
}

#[test]
fn malformed_tables_are_repaired_and_located() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "wide row",
            "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n",
            "T1 1,2 | 3",
            "page.txt:3: table row has 3 cells; expected 2",
        ),
        (
            "narrow row",
            "| A | B |\n|---|---|\n| 1 |\n",
            "T1 1,",
            "page.txt:3: table row has 1 cells",
        ),
        (
            "truncated row",
            "| A | B |\n|---|---|\n| 1 | 2\n",
            "T1 1,2",
            "page.txt:3: table row does not end",
        ),
        (
            "separator width",
            "| A | B |\n|---|\n| 1 | 2 |\n",
            "T1 1,2",
            "page.txt:2: the separator row has 1 columns",
        ),
        (
            "no separator",
            "| A | B |\n| 1 | 2 |\n",
            "T1 1,2",
            "page.txt:1: table header is not followed",
        ),
        (
            "lone row",
            "text\n| A | B |",
            "P2 | A | B |",
            "page.txt:2: a lone table row",
        ),
    ];
    for (name, input, block, warning) in cases {
        let page = read(input);
        assert!(
            kinds(&page).iter().any(|k| k == block),
            "{name}: {:?}",
            kinds(&page)
        );
        assert!(
            warnings(&page).iter().any(|w| w.starts_with(warning)),
            "{name}: {:?}",
            warnings(&page)
        );
    }
}

#[test]
fn bracket_lines_that_are_not_json_are_prose() {
    let page = read("[Filter criteria] {template Name, ...}\n{template Name} is a name.\n[Cloud security alarm] Visualized data.\n[1] A note.\n[\"a\", \"b\"]\n| A | B |\n|---|---|\n");
    assert_eq!(
        kinds(&page),
        [
            "P1 [Filter criteria] {template Name, ...}",
            "P2 {template Name} is a name.",
            "P3 [Cloud security alarm] Visualized data.",
            "P4 [1] A note.",
            "C5 [\"a\", \"b\"]",
            "T6 ",
        ]
    );
}

#[test]
fn unclosed_json_stops_where_the_page_moves_on() {
    // The request body is cut off; the response document still stands on its own.
    let page = read("POST / HTTP/1.1\nHost: x\n{\n\"InstanceId\": \"\n{\n\"Response\": {\n\"RequestId\": \"r\"\n}\n}\nThe next sentence.\n");
    assert_eq!(
        kinds(&page),
        [
            "C1 POST / HTTP/1.1⏎Host: x⏎{⏎\"InstanceId\": \"",
            "C5 {⏎\"Response\": {⏎\"RequestId\": \"r\"⏎}⏎}",
            "P10 The next sentence."
        ]
    );
    // An object never closed inside an array: the table after it is still a table.
    let page = read("{\n\"Response\": {\n\"List\": [\n{\n\"A\": 1\n]\n| Error Code | Description |\n|---|---|\n| E | e |\n");
    assert_eq!(kinds(&page)[1], "T7 E,e");
    // A caption inside a document, with JSON after it, stays in the document.
    let page = read("{\n\"A\": [\n1\n],\nAverage request volume\n\"B\": 2\n}\nAfter.\n");
    assert_eq!(
        kinds(&page),
        [
            "C1 {⏎\"A\": [⏎1⏎],⏎Average request volume⏎\"B\": 2⏎}",
            "P8 After."
        ]
    );
}

#[test]
fn flattened_examples_are_split_back_into_lines() {
    let page = read("POST / HTTP/1.1Host: dts.tencentcloudapi.comContent-Type: application/jsonX-TC-Action: CreateX\n<Common request parameters>\n{\"A\": 1}\n{\"Response\": {\"RequestId\": \"r\"}}\n");
    assert_eq!(
        kinds(&page),
        [
            "C1 POST / HTTP/1.1⏎Host: dts.tencentcloudapi.com⏎Content-Type: application/json⏎X-TC-Action: CreateX⏎<Common request parameters>⏎{\"A\": 1}",
            "C4 {\"Response\": {\"RequestId\": \"r\"}}"
        ]
    );
    let one_line = read("POST / HTTP/1.1Host: xX-TC-Action: CreateX<Common request parameters>{\"A\": [1]}{\"Response\": {\"RequestId\": \"r\"}}\n");
    assert_eq!(
        kinds(&one_line),
        ["C1 POST / HTTP/1.1⏎Host: x⏎X-TC-Action: CreateX⏎<Common request parameters>⏎{\"A\": [1]}", "C1 {\"Response\": {\"RequestId\": \"r\"}}"]
    );
    assert!(one_line.warnings.is_empty(), "{:?}", one_line.warnings);
}

#[test]
fn get_form_examples_keep_their_parameter_lines() {
    let page = read("Example title.\nhttps://cvm.tencentcloudapi.com/?Action=DescribeX\n&InstanceIds.0=ins-1\n&Filters.0.Name=zone\n&\n<Common request parameters>\n{\n\"Response\": {\"RequestId\": \"r\"}\n}\n");
    assert_eq!(
        kinds(&page),
        [
            "P1 Example title.",
            "C2 https://cvm.tencentcloudapi.com/?Action=DescribeX⏎&InstanceIds.0=ins-1⏎&Filters.0.Name=zone⏎&⏎<Common request parameters>",
            "C7 {⏎\"Response\": {\"RequestId\": \"r\"}⏎}",
        ]
    );
}

#[test]
fn a_post_example_without_body_leaves_the_response_alone() {
    let page = read("POST / HTTP/1.1\nHost: x\n<Common request parameters>\n{\n\"Response\": {\"RequestId\": \"r\"}\n}\n");
    assert_eq!(kinds(&page).len(), 2, "{:?}", kinds(&page));
}
