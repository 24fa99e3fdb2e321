use super::*;
use crate::domain::compress::{crc32, decompress_with_limit};
use crate::domain::file_format::testing;
use crate::domain::generate::generate;
use crate::domain::model::{
    default_criteria, Criterion, CriterionSource, Horizon, Kpi, RiskScore, Scoring, ScoringInputs, ScoringModel,
};
use proptest::prelude::*;

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

/// The entered criterion of [`sample`]: "Strategic fit", 1 to 5.
fn fit() -> Criterion {
    Criterion { id: "fit".into(), name: "Strategic fit".into(), weight: 10.0, ..Criterion::default() }
}

/// Two goals, three capabilities, three initiatives, every kind of link, estimates, locks
/// and values of an entered criterion.
fn sample() -> Roadmap {
    Roadmap {
        name: "Test".into(),
        horizon: Horizon { start: m("2026-01"), end: m("2028-12") },
        scoring: Scoring { model: ScoringModel::Weighted, criteria: [default_criteria(), vec![fit()]].concat() },
        goals: vec![
            Arc::new(Goal {
                id: "g1".into(),
                name: "Grow revenue".into(),
                description: "Online, mostly".into(),
                theme: "Growth".into(),
                weight: 4,
                owner: "CCO".into(),
                kpi: Kpi {
                    name: "Online share".into(),
                    baseline: -5.0,
                    target: 30.5,
                    unit: "%".into(),
                    due: Some(m("2027-12")),
                },
            }),
            Arc::new(Goal { id: "g2".into(), name: "Cut risk".into(), ..Goal::default() }),
        ],
        capabilities: vec![
            Arc::new(Capability { id: "c1".into(), name: "Service".into(), ..Capability::default() }),
            Arc::new(Capability {
                id: "c2".into(),
                name: "Incidents".into(),
                parent: Some("c1".into()),
                area: "IT operations".into(),
                current_maturity: 1,
                target_maturity: 4,
                importance: 5,
                risk: Risk::High,
                compliance: vec!["ISO 27001".into(), "GDPR".into()],
                ..Capability::default()
            }),
            Arc::new(Capability {
                id: "c3".into(),
                name: "Triage".into(),
                parent: Some("c2".into()),
                ..Capability::default()
            }),
        ],
        initiatives: vec![
            Arc::new(Initiative {
                id: "i1".into(),
                name: "CRM rollout".into(),
                status: Status::InProgress,
                start: Some(m("2026-03")),
                end: Some(m("2026-11")),
                milestones: vec![Milestone { name: "Pilot".into(), month: Some(m("2026-06")) }],
                capex: 250_000.0,
                opex: 40_000.25,
                run_cost_per_year: 30_000.0,
                fte: 3.5,
                vendors: vec!["Salesforce".into(), "Acme; Partners".into()],
                risk: RiskScore { likelihood: 2, impact: 4 },
                goals: vec![GoalLink { goal: "g1".into(), contribution: 3 }],
                capabilities: vec![CapabilityLink { capability: "c2".into(), maturity_after: 3 }],
                scoring: ScoringInputs {
                    business_value: 8,
                    time_criticality: 13,
                    risk_reduction: 0,
                    job_size: 20,
                    custom: [("fit".to_string(), 4.5)].into(),
                },
                funding_lock: FundingLock::MustFund,
                ..Initiative::default()
            }),
            Arc::new(Initiative {
                id: "i2".into(),
                name: "Data platform".into(),
                depends_on: vec!["i1".into()],
                goals: vec![
                    GoalLink { goal: "g1".into(), contribution: 1 },
                    GoalLink { goal: "g2".into(), contribution: 2 },
                ],
                scoring: ScoringInputs {
                    business_value: 1,
                    custom: [("fit".to_string(), 2.0)].into(),
                    ..ScoringInputs::default()
                },
                funding_lock: FundingLock::MustNotFund,
                ..Initiative::default()
            }),
            Arc::new(Initiative { id: "i3".into(), name: "Intranet".into(), ..Initiative::default() }),
        ],
        ..Roadmap::default()
    }
}

fn csv_text(r: &Roadmap, table: Table) -> String {
    let options = ExportOptions { bom: false, ..ExportOptions::default() };
    String::from_utf8(export_table(r, table, &options)).unwrap()
}

/// Imports `text` as `table` into `r` with the proposed mapping.
fn import(r: &Roadmap, table: Table, text: &str) -> Preview {
    let parsed = parse(text.as_bytes()).unwrap();
    let mapping = propose_mapping(table, &parsed.headers);
    preview(r, table, &parsed, &mapping)
}

fn errors(p: &Preview) -> Vec<&str> {
    p.errors.iter().map(|e| e.message.as_str()).collect()
}

/// The only error of importing `text`.
fn one_error(r: &Roadmap, table: Table, text: &str) -> String {
    let p = import(r, table, text);
    assert!(p.result.is_none(), "a preview with errors has no result");
    assert_eq!(p.errors.len(), 1, "{:#?}", p.errors);
    p.errors[0].message.clone()
}

/// `r` without goals, capabilities, initiatives and landscape (its settings kept).
fn emptied(r: &Roadmap) -> Roadmap {
    Roadmap {
        goals: Vec::new(),
        capabilities: Vec::new(),
        initiatives: Vec::new(),
        landscape: Default::default(),
        ..r.clone()
    }
}

/// Exports every table of `r` and imports them, in order, into `r` emptied. The settings
/// (horizon, budgets, capacity, the scoring model and criteria) are not in the files: they
/// are those of the roadmap imported into, here `r`'s own, so comparing the whole roadmap
/// compares exactly what the files carry.
fn round_trip(r: &Roadmap, options: &ExportOptions) -> Result<Roadmap, String> {
    let mut current = emptied(r);
    for table in Table::ALL {
        let parsed = parse(&export_table(r, table, options)).map_err(|e| e.message)?;
        let mapping = propose_mapping(table, &parsed.headers);
        if mapping.columns.iter().any(Option::is_none) {
            return Err(format!("{table:?}: a column was not mapped: {:?}", parsed.headers));
        }
        let p = preview(&current, table, &parsed, &mapping);
        current = p.result.ok_or_else(|| format!("{table:?}: {:#?}", p.errors))?;
    }
    Ok(current)
}

#[test]
fn formula_cells_get_an_apostrophe_that_import_takes_off() {
    for (text, written) in [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 20 555", "'+31 20 555"),
        ("-minus", "'-minus"),
        ("@cmd", "'@cmd"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=already", "''=already"),
        ("''+twice", "'''+twice"),
        ("'til dawn", "'til dawn"),
        ("'", "'"),
        ("a=b", "a=b"),
        (" =spaced", " =spaced"),
        ("", ""),
    ] {
        assert_eq!(neutralise(text), written, "{text:?}");
        assert_eq!(unneutralise(written), text, "{written:?}");
    }
    // In a file: text cells only; numbers such as a negative KPI baseline stay numbers.
    let mut r = sample();
    r.goal_mut("g2").unwrap().name = "=HYPERLINK(\"http://x\")".into();
    let goals = csv_text(&r, Table::Goals);
    assert!(goals.contains("\r\ng2,\"'=HYPERLINK(\"\"http://x\"\")\","), "{goals}");
    assert!(goals.contains(",-5,30.5,"), "{goals}");
    let back = import(&emptied(&r), Table::Goals, &goals);
    assert_eq!(back.result.unwrap().goals, r.goals);
}

#[test]
fn lists_are_joined_with_semicolons_and_quoted_when_needed() {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(join_list(&list(&["SAP", "Oracle"])), "SAP; Oracle");
    assert_eq!(
        join_list(&list(&["Acme; Partners", " spaced", "", "\"Q\" Ltd", "5\" disks"])),
        "\"Acme; Partners\"; \" spaced\"; \"\"; \"\"\"Q\"\" Ltd\"; 5\" disks"
    );
    assert_eq!(join_list(&[]), "");
    // Reading: spaces and empty items dropped, quoted items exact, stray quotes kept.
    assert_eq!(split_list("SAP;Oracle ;  ; "), list(&["SAP", "Oracle"]));
    assert_eq!(
        split_list("\"Acme; Partners\"; \" spaced\"; \"\"; \"\"\"Q\"\" Ltd\""),
        list(&["Acme; Partners", " spaced", "", "\"Q\" Ltd"])
    );
    assert_eq!(split_list("\"Big\" Vendor; SAP"), list(&["\"Big\" Vendor", "SAP"]));
    assert_eq!(split_list("\"unclosed; SAP"), list(&["\"unclosed", "SAP"]));
    assert_eq!(split_list(""), Vec::<String>::new());
}

#[test]
fn numbers_are_written_in_full_and_read_back_exactly() {
    assert_eq!(number_text(250_000.0), "250000");
    assert_eq!(number_text(40_000.25), "40000.25");
    assert_eq!(number_text(1e21), "1000000000000000000000");
    assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(parse_number("0.30000000000000004", false), Ok(0.1 + 0.2));
    assert_eq!(parse_number(" 1 250.5 ", false), Ok(1250.5));
    assert_eq!(parse_number("1250,5", true), Ok(1250.5), "decimal comma in a semicolon file");
    assert_eq!(parse_number("1.5e3", false), Ok(1500.0));
    assert_eq!(parse_number("-3", false), Ok(-3.0));
    assert_eq!(
        parse_number("1,250", false),
        Err("\"1,250\" is not a number (write digits with a decimal point, such as 1250.50)".into())
    );
    for bad in ["12k", "€ 100", "inf", "NaN", "1.2.3", "1,2,3", "-"] {
        assert!(parse_number(bad, true).is_err(), "{bad}");
    }
    assert_eq!(parse_score("7", 1, 5), Err("\"7\" must be a whole number from 1 to 5".into()));
    assert_eq!(parse_score(" 0 ", 0, 5), Ok(0));
    assert!(parse_score("2.5", 0, 5).is_err());
}

#[test]
fn months_in_the_forms_spreadsheets_save_them() {
    for (text, month) in [
        ("2026-03", "2026-03"),
        (" 2026-03 ", "2026-03"),
        ("2026-03-15", "2026-03"),
        ("2026/3", "2026-03"),
        ("03/2026", "2026-03"),
        ("Mar 2026", "2026-03"),
        ("march 2026", "2026-03"),
        ("Sept 2026", "2026-09"),
        ("Mar-26", "2026-03"),
        ("Dec-2027", "2027-12"),
        ("1.2026", "2026-01"),
        ("15.03.2026", "2026-03"),
    ] {
        assert_eq!(parse_month(text), Ok(m(month)), "{text}");
    }
    for bad in [
        "2026-13",
        "2026-00",
        "3/1/2026",
        "03-01-2026",
        "32.01.2026",
        "Ma 2026",
        "Marchy 2026",
        "26",
        "2026",
        "soon",
        "2026-03-32",
    ] {
        assert_eq!(
            parse_month(bad),
            Err(format!("\"{}\" is not a month (YYYY-MM, such as 2026-03)", bad.trim())),
            "{bad}"
        );
    }
}

#[test]
fn export_writes_each_table_as_documented() {
    let r = sample();
    assert_eq!(
        csv_text(&r, Table::Goals),
        "Id,Name,Description,Theme,Weight,Owner,KPI,KPI baseline,KPI target,KPI unit,KPI due\r\n\
         g1,Grow revenue,\"Online, mostly\",Growth,4,CCO,Online share,-5,30.5,%,2027-12\r\n\
         g2,Cut risk,,,3,,,0,0,,\r\n"
    );
    assert_eq!(
        csv_text(&r, Table::Capabilities),
        "Id,Name,Description,Parent id,Parent,Area,Current maturity,Target maturity,Importance,Risk,Compliance\r\n\
         c1,Service,,,,,2,3,3,Medium,\r\n\
         c2,Incidents,,c1,Service,IT operations,1,4,5,High,ISO 27001; GDPR\r\n\
         c3,Triage,,c2,Incidents,,2,3,3,Medium,\r\n"
    );
    let initiatives = csv_text(&r, Table::Initiatives);
    assert_eq!(
        initiatives.lines().take(2).collect::<Vec<_>>(),
        [
            "Id,Name,Description,Owner,Sponsor,Status,Start,End,Capex,Opex,Run cost per year,FTE,Vendors,Risk likelihood,Risk impact,Compliance,Business value,Time criticality,Risk reduction,Job size,Funding lock",
            "i1,CRM rollout,,,,In progress,2026-03,2026-11,250000,40000.25,30000,3.5,\"Salesforce; \"\"Acme; Partners\"\"\",2,4,,8,13,,20,Must fund",
        ]
    );
    assert!(initiatives.contains("\r\ni2,Data platform,,,,Proposed,,,0,0,0,0,,3,3,,1,,,,Must not fund\r\n"));
    // Not estimated: empty cells.
    assert!(initiatives.ends_with("i3,Intranet,,,,Proposed,,,0,0,0,0,,3,3,,,,,,Optimiser decides\r\n"));
    assert_eq!(
        csv_text(&r, Table::GoalLinks),
        "Initiative id,Initiative,Goal id,Goal,Contribution\r\n\
         i1,CRM rollout,g1,Grow revenue,3\r\n\
         i2,Data platform,g1,Grow revenue,1\r\n\
         i2,Data platform,g2,Cut risk,2\r\n"
    );
    assert_eq!(
        csv_text(&r, Table::CapabilityLinks),
        "Initiative id,Initiative,Capability id,Capability,Maturity after\r\ni1,CRM rollout,c2,Incidents,3\r\n"
    );
    assert_eq!(
        csv_text(&r, Table::Dependencies),
        "Initiative id,Initiative,Depends on id,Depends on\r\ni2,Data platform,i1,CRM rollout\r\n"
    );
    assert_eq!(
        csv_text(&r, Table::Milestones),
        "Initiative id,Initiative,Milestone,Month\r\ni1,CRM rollout,Pilot,2026-06\r\n"
    );
    assert_eq!(
        csv_text(&r, Table::CriterionValues),
        "Initiative id,Initiative,Criterion id,Criterion,Value\r\n\
         i1,CRM rollout,fit,Strategic fit,4.5\r\n\
         i2,Data platform,fit,Strategic fit,2\r\n"
    );
}

#[test]
fn export_options_bom_and_delimiter() {
    let r = sample();
    let with_bom = export_table(&r, Table::Dependencies, &ExportOptions::default());
    assert!(with_bom.starts_with(b"\xEF\xBB\xBFInitiative id,"));
    let semicolons =
        export_table(&r, Table::Goals, &ExportOptions { bom: false, delimiter: Delimiter::Semicolon, zip_time: None });
    let text = String::from_utf8(semicolons).unwrap();
    assert!(text.contains("\r\ng1;Grow revenue;Online, mostly;Growth;4;"), "{text}");
    let tabs =
        export_table(&r, Table::Milestones, &ExportOptions { bom: false, delimiter: Delimiter::Tab, zip_time: None });
    assert_eq!(tabs, b"Initiative id\tInitiative\tMilestone\tMonth\r\ni1\tCRM rollout\tPilot\t2026-06\r\n");
}

/// Reads a zip file the way unzip does: end record, central directory, local headers.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let end = bytes.len() - 22;
    assert_eq!(u32at(end), 0x0605_4B50, "end of central directory");
    let (count, dir_size, dir_at) = (u16at(end + 10), u32at(end + 12), u32at(end + 16));
    assert_eq!(dir_at + dir_size, end);
    let mut at = dir_at;
    let mut files = Vec::new();
    for _ in 0..count {
        assert_eq!(u32at(at), 0x0201_4B50);
        assert_eq!(u16at(at + 10), 8, "deflated");
        let (crc, packed, size, name_len, local) =
            (u32at(at + 16), u32at(at + 20), u32at(at + 24), u16at(at + 28), u32at(at + 42));
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32at(local), 0x0403_4B50);
        assert_eq!((u32at(local + 14), u32at(local + 18), u32at(local + 22)), (crc, packed, size));
        let data_at = local + 30 + u16at(local + 26) + u16at(local + 28);
        let data = decompress_with_limit(&bytes[data_at..data_at + packed], size).unwrap();
        assert_eq!((data.len(), crc32(&data) as usize), (size, crc));
        files.push((name, data));
        at += 46 + name_len;
    }
    files
}

#[test]
fn the_zip_holds_every_table() {
    let r = sample();
    let options = ExportOptions {
        zip_time: Some(ZipTime { year: 2026, month: 5, day: 17, hour: 14, minute: 30 }),
        ..ExportOptions::default()
    };
    let zip = export_zip(&r, &options);
    let files = unzip(&zip);
    assert_eq!(
        files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        [
            "goals.csv",
            "capabilities.csv",
            "initiatives.csv",
            "goal-links.csv",
            "capability-links.csv",
            "dependencies.csv",
            "milestones.csv",
            "criterion-values.csv",
            "applications.csv",
            "technologies.csv",
            "application-links.csv"
        ]
    );
    for ((_, data), table) in files.iter().zip(Table::ALL) {
        assert_eq!(data, &export_table(&r, table, &options));
    }
    // The date and time, in MS-DOS form: (2026-1980)<<9 | 5<<5 | 17 and 14<<11 | 30<<5.
    assert_eq!(
        &zip[10..14],
        &[(14u16 << 11 | 30 << 5).to_le_bytes(), (46u16 << 9 | 5 << 5 | 17).to_le_bytes()].concat()[..]
    );
    // Without a time: 1980-01-01 00:00.
    let plain = export_zip(&r, &ExportOptions::default());
    assert_eq!(&plain[10..14], &[0, 0, 0x21, 0]);
}

#[test]
fn reads_bom_encodings_and_delimiters() {
    let expect = |p: &Parsed, delimiter: char| {
        assert_eq!(p.headers, ["Id", "Name"]);
        assert_eq!(p.rows, [Row { number: 2, cells: vec!["g1".into(), "Café".into()] }]);
        assert_eq!(p.delimiter, delimiter);
    };
    expect(&parse("Id,Name\r\ng1,Café\r\n".as_bytes()).unwrap(), ',');
    expect(&parse("\u{feff}Id;Name\ng1;Café".as_bytes()).unwrap(), ';');
    expect(&parse("Id\tName\ng1\tCafé\n".as_bytes()).unwrap(), '\t');
    expect(&parse(" Id , Name \ng1,Café\n".as_bytes()).unwrap(), ',');
    // Excel's "sep=" line sets the delimiter and is not a row.
    expect(&parse("sep=;\r\nId;Name\r\ng1;Café\r\n".as_bytes()).unwrap(), ';');
    // The delimiter is the one used most outside quotes in the header row.
    expect(
        &parse("\"Id,\";Name\ng1;Café".as_bytes())
            .map(|mut p| {
                p.headers[0] = "Id".into();
                p
            })
            .unwrap(),
        ';',
    );
    // UTF-16 with its byte-order mark (Excel's "Unicode text").
    let utf16le: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("Id\tName\ng1\tCafé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    expect(&parse(&utf16le).unwrap(), '\t');
    let utf16be: Vec<u8> =
        [0xFE, 0xFF].into_iter().chain("Id,Name\ng1,Café".encode_utf16().flat_map(u16::to_be_bytes)).collect();
    expect(&parse(&utf16be).unwrap(), ',');
    // Not UTF-8: read as Windows-1252, with a warning.
    let p = parse(b"Id,Name\ng1,Caf\xE9\n").unwrap();
    expect(&p, ',');
    assert!(p.warnings[0].contains("read as Western European (Windows-1252)"), "{:?}", p.warnings);
    assert_eq!(parse(b"Id\n\x80\x93\x94\x9F").unwrap().rows[0].cells[0], "€“”Ÿ");
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    let p = parse(b"Id,Name\ng1,\"two\nlines\"\n\ng2,After a blank line\ng3,x").unwrap();
    let numbers: Vec<usize> = p.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 4, 5], "g1 is row 2 (one row, two lines); the blank line is row 3");
    let p = parse(b"\r\nId,Name\r\n\r\n\r\ng1,\"a\r\nb\r\nc\"\r\ng2,x\r\n\r\n").unwrap();
    assert_eq!(p.headers, ["Id", "Name"]);
    let numbers: Vec<usize> = p.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [5, 6], "blank rows 1, 3 and 4 count; g1's three lines are one row");
    let p = parse(b"sep=,\nId,Name\ng1,x\n").unwrap();
    assert_eq!(p.rows[0].number, 2, "the sep= line is not a row");
    let p = import(&sample(), Table::Initiatives, "Id,Start,End\ni1,2026-01,\"2026-02\"\n\ni2,2026-13,2026-12\n");
    assert_eq!(errors(&p), ["row 4: Start \"2026-13\" is not a month (YYYY-MM, such as 2026-03)"]);
}

#[test]
fn refuses_files_it_cannot_read() {
    let err = |bytes: &[u8]| parse(bytes).unwrap_err().message;
    assert_eq!(err(b""), "The file is empty");
    assert_eq!(err(b"\xEF\xBB\xBF \r\n"), "The file is empty");
    assert_eq!(
        err(b",,\n1,2,3"),
        "The first row has no column names; Cairn needs a header row (such as Id, Name, \u{2026})"
    );
    assert_eq!(err(b"\xEF\xBB\xBFId\n\xFF"), "The file says it is UTF-8 but is not; save it again as \"CSV UTF-8\"");
    assert_eq!(err(b"\xFF\xFEI"), "The file says it is UTF-16 but ends in half a character; save it again");
    assert!(err(&vec![b' '; crate::domain::file_format::MAX_FILE_BYTES + 1]).contains("up to 20 MB"));
    let many_rows = format!("Id\n{}", "x\n".repeat(MAX_ROWS + 1));
    assert_eq!(
        err(many_rows.as_bytes()),
        "The file has more than 250,000 rows; Cairn imports up to 250,000 rows at a time. Split it into smaller files."
    );
    let wide = format!("Id{}\n", ",".repeat(MAX_COLUMNS));
    assert_eq!(err(wide.as_bytes()), "Row 1 has 501 cells; Cairn imports up to 500 columns.");
    // A header row alone is a file with nothing to import.
    let p = parse(b"Id,Name\r\n").unwrap();
    assert!(p.rows.is_empty());
    let preview = preview(&sample(), Table::Goals, &p, &propose_mapping(Table::Goals, &p.headers));
    assert_eq!(
        (preview.summary().as_str(), preview.result.as_ref()),
        ("0 goals added, 0 updated, 0 unchanged", Some(&sample()))
    );
}

#[test]
fn columns_are_matched_by_name() {
    // Export's own headers map to their fields, for every table.
    for table in Table::ALL {
        let headers: Vec<String> = table.fields().iter().map(|f| f.header().to_string()).collect();
        let mapping = propose_mapping(table, &headers);
        assert_eq!(mapping.columns, table.fields().iter().map(|&f| Some(f)).collect::<Vec<_>>(), "{table:?}");
    }
    let headers: Vec<String> = [
        "initiative",
        "Start date",
        "END",
        "run_cost_per_year",
        "Capital expenditure",
        "Suppliers",
        "Colour",
        "Title",
        "Name",
        "Likelihood",
    ]
    .map(String::from)
    .to_vec();
    let mapping = propose_mapping(Table::Initiatives, &headers);
    assert_eq!(
        mapping.columns,
        [
            None, // "initiative" would be the name, but the "Name" column names it exactly
            Some(Field::Start),
            Some(Field::End),
            Some(Field::RunCostPerYear),
            Some(Field::Capex),
            Some(Field::Vendors),
            None,
            None, // "Title" likewise
            Some(Field::Name),
            Some(Field::RiskLikelihood),
        ]
    );
    // The JSON file's field names, and goal/capability words.
    let mapping = propose_mapping(
        Table::Capabilities,
        &["capability id", "Capability", "current_maturity", "To-be", "parent_id"].map(String::from),
    );
    assert_eq!(
        mapping.columns,
        [
            Some(Field::Id),
            Some(Field::Name),
            Some(Field::CurrentMaturity),
            Some(Field::TargetMaturity),
            Some(Field::ParentId)
        ]
    );
    // Scoring columns: WSJF's words, and the JSON file's field names.
    let mapping = propose_mapping(
        Table::Initiatives,
        &["Name", "User-business value", "Urgency", "RR|OE", "Size", "Lock"].map(String::from),
    );
    assert_eq!(
        mapping.columns,
        [
            Some(Field::Name),
            Some(Field::BusinessValue),
            Some(Field::TimeCriticality),
            Some(Field::RiskReduction),
            Some(Field::JobSize),
            Some(Field::FundingLock)
        ]
    );
    let mapping = propose_mapping(
        Table::Initiatives,
        &["business_value", "time_criticality", "risk_reduction", "job_size", "funding_lock"].map(String::from),
    );
    assert_eq!(
        mapping.columns,
        [
            Some(Field::BusinessValue),
            Some(Field::TimeCriticality),
            Some(Field::RiskReduction),
            Some(Field::JobSize),
            Some(Field::FundingLock)
        ]
    );
    let mapping = propose_mapping(Table::CriterionValues, &["Project", "Scoring criterion", "Score"].map(String::from));
    assert_eq!(mapping.columns, [Some(Field::Initiative), Some(Field::Criterion), Some(Field::CriterionValue)]);
    // A field comes from one column: the person's choice moves it.
    let mut mapping = propose_mapping(Table::Goals, &["Id", "Name", "Title"].map(String::from));
    assert_eq!(mapping.columns, [Some(Field::Id), Some(Field::Name), None]);
    mapping.set(2, Some(Field::Name));
    assert_eq!(mapping.columns, [Some(Field::Id), None, Some(Field::Name)]);
    mapping.set(0, None);
    assert_eq!(mapping.column_of(Field::Id), None);
    mapping.set(9, Some(Field::Theme)); // no such column: nothing happens
    assert_eq!(mapping.column_of(Field::Theme), None);
}

#[test]
fn which_table_a_file_holds() {
    assert_eq!(Table::from_file_name("goals.csv"), Some(Table::Goals));
    assert_eq!(Table::from_file_name("C:\\exports\\Goal links (2).CSV"), Some(Table::GoalLinks));
    assert_eq!(Table::from_file_name("nordhaven_capability-links.csv"), Some(Table::CapabilityLinks));
    assert_eq!(Table::from_file_name("capabilities.csv"), Some(Table::Capabilities));
    assert_eq!(Table::from_file_name("Criterion values.csv"), Some(Table::CriterionValues));
    assert_eq!(Table::from_file_name("export.csv"), None);
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(Table::guess("export.csv", &headers(&["Initiative", "Goal", "Contribution"])), Some(Table::GoalLinks));
    assert_eq!(
        Table::guess("export.csv", &headers(&["Id", "Name", "Start", "End", "Capex"])),
        Some(Table::Initiatives)
    );
    assert_eq!(
        Table::guess("export.csv", &headers(&["Name", "Current maturity", "Target maturity"])),
        Some(Table::Capabilities)
    );
    assert_eq!(
        Table::guess("export.csv", &headers(&["Initiative", "Criterion", "Value"])),
        Some(Table::CriterionValues)
    );
    assert_eq!(Table::guess("export.csv", &headers(&["Name", "Colour"])), None, "Name alone fits three tables");
    assert_eq!(
        Table::guess("milestones.csv", &headers(&["Id", "Name"])),
        Some(Table::Milestones),
        "the file name wins"
    );
}

#[test]
fn updates_match_by_id_or_name_and_change_only_mapped_columns() {
    let r = sample();
    // By name, ignoring case and spaces: the owner changes, nothing else.
    let p = import(&r, Table::Goals, "Name,Owner\n  grow REVENUE ,CEO\nCut risk,\n");
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.clone().unwrap();
    assert_eq!(result.goal("g1").unwrap().owner, "CEO");
    assert_eq!(result.goal("g1").unwrap().kpi, r.goal("g1").unwrap().kpi);
    assert_eq!(p.updated, [Change { row: 2, subject: "goal \"Grow revenue\"".into(), detail: "Owner".into() }]);
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.summary(), "0 goals added, 1 updated, 1 unchanged");
    // By id: a rename. New rows get fresh ids, in the editor's form.
    let p = import(
        &r,
        Table::Initiatives,
        "Id,Name,Start,End\ni3,Intranet 2.0,2026-02,2026-04\n,New one,,\n,Another,2027-01,2027-03\n",
    );
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.unwrap();
    assert_eq!(result.initiatives.len(), 5);
    assert_eq!(
        (result.initiatives[2].name.as_str(), result.initiatives[2].start),
        ("Intranet 2.0", Some(m("2026-02")))
    );
    assert_eq!(result.initiatives[3].id, "ini-9");
    assert_eq!(result.initiatives[4].id, "ini-10");
    assert_eq!(result.initiatives[4].status, Status::Proposed, "defaults for the columns not imported");
    assert_eq!(p.updated[0].detail, "Name, Start, End");
    assert_eq!(
        p.added.iter().map(|c| c.subject.as_str()).collect::<Vec<_>>(),
        ["initiative \"New one\"", "initiative \"Another\""]
    );
    // An empty score keeps the current value; an empty amount is 0; an empty month is none.
    let p = import(&r, Table::Initiatives, "Id,Status,Capex,Start,End,Risk impact\ni1,,,,,\n");
    let i = p.result.unwrap().initiative("i1").unwrap().clone();
    assert_eq!((i.status, i.capex, i.start, i.end, i.risk.impact), (Status::InProgress, 0.0, None, None, 4));
    // A new capability under a parent named in the same file, before it.
    let p = import(&r, Table::Capabilities, "Name,Parent\nProblem management,Service desk\nService desk,service\n");
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.unwrap();
    let desk = result.capabilities.iter().find(|c| c.name == "Service desk").unwrap();
    let problems = result.capabilities.iter().find(|c| c.name == "Problem management").unwrap();
    assert_eq!((desk.parent.as_deref(), problems.parent.as_deref()), (Some("c1"), Some(desk.id.as_str())));
    // Words Cairn shows are read too: labels, file keys, any case.
    let p =
        import(&r, Table::Initiatives, "Name,Status\nIntranet,on hold\nCRM rollout,DONE\nData platform,in_progress\n");
    let result = p.result.unwrap();
    assert_eq!(
        result.initiatives.iter().map(|i| i.status).collect::<Vec<_>>(),
        [Status::Done, Status::InProgress, Status::OnHold]
    );
}

#[test]
fn each_row_error_names_its_row_column_and_value() {
    let r = sample();
    let cases: [(Table, &str, &str); 16] = [
        (Table::Initiatives, "Id,Name,End\ni1,CRM,2026-13", "row 2: End \"2026-13\" is not a month (YYYY-MM, such as 2026-03)"),
        (Table::Initiatives, "Id,Capex\ni1,12k", "row 2: Capex \"12k\" is not a number (write digits with a decimal point, such as 1250.50)"),
        (Table::Initiatives, "Id,Status\ni1,urgent", "row 2: Status \"urgent\" is not a status (Idea, Proposed, Approved, In progress, Done, On hold, Cancelled)"),
        (Table::Goals, "Id,Goal weight\ng1,9", "row 2: Goal weight \"9\" must be a whole number from 1 to 5"),
        (Table::Capabilities, "Id,Risk\nc1,extreme", "row 2: Risk \"extreme\" is not a risk level (Low, Medium, High or Critical)"),
        (Table::Goals, "Id,Name\ng1,  ", "row 2: Name is empty; every goal needs a name"),
        (Table::Goals, "Id,Name\ng9,A\ng9,B", "row 3: Id \"g9\" is already in row 2"),
        (Table::Goals, "Id,Name\nc1,A", "row 2: Id \"c1\" is already used by capability \"Service\""),
        (Table::Goals, "Name\nNew\nnew ", "row 3: goal \"new\" is already in row 2; give each row an Id to add both"),
        (Table::Goals, "Id,Name\ng1,A\n,Grow revenue", "row 3: goal \"Grow revenue\" is already in row 2"),
        (Table::Goals, "Theme\nGrowth", "No column is imported as Id or Name: choose the column that holds the goal names"),
        (Table::Goals, "Id,Name\n,\n", ""), // a blank row is skipped: no error
        (Table::Goals, "Id,Name\ng3,\"A, B\",extra", "row 2: has 3 cells, but the header row has 2 columns (a text containing \",\" may be missing its quotes)"),
        (Table::Capabilities, "Id,Name,Parent id\nc9,New,c7", "row 2: Parent id \"c7\" is not a capability in this roadmap or this file"),
        (Table::Capabilities, "Id,Name,Parent\nc9,New,Nowhere", "row 2: Parent \"Nowhere\" is not a capability in this roadmap or this file"),
        (Table::Initiatives, "Id,Start\ni3,2026-05", "row 2: initiative \"Intranet\": has a start but no end; set both or neither"),
    ];
    for (table, file, expected) in cases {
        let p = import(&r, table, file);
        if expected.is_empty() {
            assert!(p.is_clean(), "{file}: {:?}", p.errors);
        } else {
            assert_eq!(errors(&p), [expected], "{file}");
            assert!(p.result.is_none());
        }
    }
    // Two items of one name: the row must say which by id.
    let mut twins = r.clone();
    twins.goal_mut("g2").unwrap().name = "Grow revenue".into();
    assert_eq!(
        one_error(&twins, Table::Goals, "Name,Owner\nGrow revenue,x"),
        "row 2: 2 goals are named \"Grow revenue\"; add an Id column to say which"
    );
    // The roadmap's rules, with the row of the item at fault.
    assert_eq!(
        one_error(&r, Table::Initiatives, "Id,Start,End\ni1,2026-03,2026-02"),
        "row 2: initiative \"CRM rollout\": ends (2026-02) before it starts (2026-03)"
    );
    assert_eq!(
        one_error(&r, Table::Capabilities, "Id,Name,Parent id\nc1,Service,c3"),
        "row 2: capability \"Service\": the capability map loops: \"Service\" → \"Triage\" → \"Incidents\" → \"Service\" (each is under the next)"
    );
    // Errors the roadmap already had do not block an import.
    let mut broken = r.clone();
    broken.initiative_mut("i3").unwrap().fte = -1.0;
    assert!(import(&broken, Table::Goals, "Id,Owner\ng1,CEO").is_clean());
}

#[test]
fn link_tables_replace_the_links_of_the_initiatives_they_name() {
    let r = sample();
    let p = import(&r, Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,decisive\nintranet,Grow revenue,1\nCRM rollout,Grow revenue,3\n");
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.clone().unwrap();
    assert_eq!(
        result.initiative("i3").unwrap().goals,
        [GoalLink { goal: "g2".into(), contribution: 3 }, GoalLink { goal: "g1".into(), contribution: 1 }]
    );
    assert_eq!(result.initiative("i2").unwrap().goals, r.initiative("i2").unwrap().goals, "not named: kept");
    assert_eq!(
        p.updated,
        [Change { row: 2, subject: "initiative \"Intranet\"".into(), detail: "2 goal links, was 0".into() }]
    );
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.summary(), "goal links of 1 initiative changed, 1 unchanged");

    let p = import(&r, Table::Dependencies, "Initiative id,Depends on\ni3,Data platform\ni3,CRM rollout\n");
    assert_eq!(p.result.unwrap().initiative("i3").unwrap().depends_on, ["i2", "i1"]);
    let p = import(&r, Table::Milestones, "Initiative,Milestone,Month\nIntranet,Launch,Mar-26\nIntranet,Someday,\n");
    assert_eq!(
        p.result.unwrap().initiative("i3").unwrap().milestones,
        [
            Milestone { name: "Launch".into(), month: Some(m("2026-03")) },
            Milestone { name: "Someday".into(), month: None }
        ]
    );

    let cases: [(Table, &str, &str); 9] = [
        (Table::GoalLinks, "Initiative,Goal,Contribution\nERP,Cut risk,1", "row 2: Initiative \"ERP\" is not an initiative in this roadmap (import the initiatives first)"),
        (Table::GoalLinks, "Initiative id,Goal id,Contribution\ni1,g7,1", "row 2: Goal id \"g7\" is not a goal in this roadmap"),
        (Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,4", "row 2: Contribution \"4\" must be 1 (some), 2 (strong) or 3 (decisive)"),
        (Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,1\nIntranet,cut risk,2", "row 3: initiative \"Intranet\" links goal \"Cut risk\" already in row 2"),
        (Table::GoalLinks, "Initiative,Goal\nIntranet,Cut risk", "No column is imported as Contribution"),
        (Table::CapabilityLinks, "Goal,Maturity after\nx,1", "No column is imported as Initiative id or Initiative; nor as Capability id or Capability"),
        (Table::CapabilityLinks, "Initiative,Capability,Maturity after\nIntranet,Triage,", "row 2: Maturity after \"\" must be a whole number from 0 to 5"),
        (Table::Dependencies, "Initiative,Depends on\nCRM rollout,Data platform", "row 2: initiative \"CRM rollout\": dependency cycle: \"CRM rollout\" → \"Data platform\" → \"CRM rollout\""),
        (Table::Milestones, "Initiative,Milestone,Month\nIntranet,Go-live,next year", "row 2: Month \"next year\" is not a month (YYYY-MM, such as 2026-03)"),
    ];
    for (table, file, expected) in cases {
        assert_eq!(one_error(&r, table, file), expected, "{file}");
    }
}

#[test]
fn estimates_and_funding_locks_are_read_as_documented() {
    let r = sample();
    let p = import(
        &r,
        Table::Initiatives,
        "Id,Business value,Time criticality,Risk reduction,Job size,Funding lock\n\
         i1,20,0,,4,must_not_fund\ni2,,,,,\ni3, 1 ,2,3,5,MUST FUND\n",
    );
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.clone().unwrap();
    let inputs = |id: &str| {
        let i = result.initiative(id).unwrap();
        let s = &i.scoring;
        ([s.business_value, s.time_criticality, s.risk_reduction, s.job_size], i.funding_lock)
    };
    assert_eq!(inputs("i1"), ([20, 0, 0, 4], FundingLock::MustNotFund));
    assert_eq!(inputs("i2"), ([0, 0, 0, 0], FundingLock::None), "empty cells: not estimated, no lock");
    assert_eq!(inputs("i3"), ([1, 2, 3, 5], FundingLock::MustFund));
    // Criterion values have a table of their own; this one leaves them alone.
    assert_eq!(result.initiative("i1").unwrap().scoring.custom, r.initiative("i1").unwrap().scoring.custom);
    assert_eq!(
        p.updated.iter().map(|c| c.detail.as_str()).collect::<Vec<_>>(),
        [
            "Business value, Time criticality, Job size, Funding lock",
            "Business value, Funding lock",
            "Business value, Time criticality, Risk reduction, Job size, Funding lock"
        ]
    );
    // The roadmap's rules warn, without blocking: 4 is off the scale; i1 is in progress but
    // locked out; i3 is locked in but undated.
    for warning in [
        "initiative \"CRM rollout\": job size is 4; the estimate scale is 1, 2, 3, 5, 8, 13, 20",
        "initiative \"CRM rollout\": is locked as must not fund but is in progress; the optimiser keeps it funded",
        "initiative \"Intranet\": is locked as must fund but has no dates; the optimiser can only fund dated initiatives",
    ] {
        assert!(p.warnings.iter().any(|w| w == warning), "{warning}: {:#?}", p.warnings);
    }
    // Labels and keys in any case, the American spelling, empty.
    for (cell, lock) in [
        ("Must fund", FundingLock::MustFund),
        (" MUST_FUND ", FundingLock::MustFund),
        ("must-not-fund", FundingLock::MustNotFund),
        ("Must not fund", FundingLock::MustNotFund),
        ("Optimiser decides", FundingLock::None),
        ("optimizer decides", FundingLock::None),
        ("none", FundingLock::None),
        ("", FundingLock::None),
    ] {
        assert_eq!(parse_funding_lock(cell), Ok(lock), "{cell:?}");
    }
    let bad_estimate = |column: &str, cell: &str| {
        format!(
            "row 2: {column} \"{cell}\" is not an estimate: write a whole number up to 20 (the scale is 1, 2, 3, 5, \
             8, 13, 20), or leave it empty or 0 when not estimated"
        )
    };
    for (file, expected) in [
        ("Id,Business value\ni1,21", bad_estimate("Business value", "21")),
        ("Id,Job size\ni1,2.5", bad_estimate("Job size", "2.5")),
        ("Id,Size\ni1,-1", bad_estimate("Size", "-1")),
        ("Id,Urgency\ni1,300", bad_estimate("Urgency", "300")),
        (
            "Id,Funding lock\ni1,maybe",
            "row 2: Funding lock \"maybe\" is not a funding lock (Optimiser decides, Must fund, Must not fund)".into(),
        ),
    ] {
        assert_eq!(one_error(&r, Table::Initiatives, file), expected, "{file}");
    }
}

#[test]
fn criterion_values_have_a_table_like_links() {
    let r = sample();
    // By criterion name (any case) or id; a decimal comma in a semicolon file; an empty
    // value is no value. Initiatives the file does not name keep theirs.
    let p = import(
        &r,
        Table::CriterionValues,
        "Initiative;Criterion;Value\nIntranet;strategic FIT;3,5\nCRM rollout;Strategic fit;\n",
    );
    assert_eq!(errors(&p), Vec::<&str>::new());
    let result = p.result.clone().unwrap();
    let custom = |id: &str| result.initiative(id).unwrap().scoring.custom.clone();
    assert_eq!(custom("i3"), [("fit".to_string(), 3.5)].into());
    assert_eq!(custom("i1"), BTreeMap::new());
    assert_eq!(custom("i2"), r.initiative("i2").unwrap().scoring.custom, "not named: kept");
    assert_eq!(
        p.updated,
        [
            Change { row: 2, subject: "initiative \"Intranet\"".into(), detail: "1 criterion value, was 0".into() },
            Change { row: 3, subject: "initiative \"CRM rollout\"".into(), detail: "0 criterion values, was 1".into() },
        ]
    );
    assert_eq!(p.summary(), "criterion values of 2 initiatives changed, 0 unchanged");
    // A value for a derived criterion is kept, as the roadmap file keeps it, with the
    // roadmap's warning.
    let p = import(&r, Table::CriterionValues, "Initiative id,Criterion id,Value\ni3,cost,2\n");
    assert_eq!(p.result.unwrap().initiative("i3").unwrap().scoring.custom, [("cost".to_string(), 2.0)].into());
    assert!(
        p.warnings.contains(
            &"initiative \"Intranet\": has a value for criterion \"Cost\", which is derived; the value is ignored"
                .into()
        ),
        "{:?}",
        p.warnings
    );

    for (file, expected) in [
        (
            "Initiative,Criterion,Value\nIntranet,Fit,3",
            "row 2: Criterion \"Fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
        ),
        (
            "Initiative,Criterion id,Value\nIntranet,fit,high",
            "row 2: Value \"high\" is not a number (write digits with a decimal point, such as 1250.50)",
        ),
        (
            "Initiative,Criterion id,Score\nIntranet,fit,9",
            "row 2: initiative \"Intranet\": the value for criterion \"Strategic fit\" is 9; it must be 1 to 5",
        ),
        (
            "Initiative,Criterion id,Value\nIntranet,fit,1\nintranet,fit,2",
            "row 3: initiative \"Intranet\" has a value for criterion \"Strategic fit\" already in row 2",
        ),
        ("Initiative,Criterion\nIntranet,fit", "No column is imported as Value"),
        ("Initiative,Value\nIntranet,3", "No column is imported as Criterion id or Criterion"),
    ] {
        assert_eq!(one_error(&r, Table::CriterionValues, file), expected, "{file}");
    }
    // Two criteria of one name: the row must say which by id.
    let mut twins = r.clone();
    twins.scoring.criteria.push(Criterion { id: "fit2".into(), ..fit() });
    assert_eq!(
        one_error(&twins, Table::CriterionValues, "Initiative,Criterion,Value\nIntranet,Strategic fit,3"),
        "row 2: Criterion \"Strategic fit\": 2 criteria have this name; use the Criterion id column to say which"
    );
}

#[test]
fn scoring_settings_come_from_the_roadmap_imported_into() {
    // The files carry estimates, locks and criterion values, not the model or the criteria
    // (like budgets): a roadmap with other settings keeps them.
    let r = sample();
    let mut other = emptied(&r);
    other.scoring = Scoring { model: ScoringModel::Wsjf, criteria: default_criteria() };
    let mut current = other.clone();
    for table in [Table::Goals, Table::Capabilities, Table::Initiatives] {
        current = import(&current, table, &csv_text(&r, table)).result.unwrap();
    }
    assert_eq!(current.scoring, other.scoring);
    assert_eq!(
        current.initiatives.iter().map(|i| i.funding_lock).collect::<Vec<_>>(),
        [FundingLock::MustFund, FundingLock::MustNotFund, FundingLock::None]
    );
    // Values for a criterion this roadmap does not have are refused, by row.
    assert_eq!(
        errors(&import(&current, Table::CriterionValues, &csv_text(&r, Table::CriterionValues))),
        [
            "row 2: Criterion id \"fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
            "row 3: Criterion id \"fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
        ]
    );
    other.scoring.criteria.push(Criterion { source: CriterionSource::Entered, ..fit() });
    current.scoring = other.scoring.clone();
    let p = import(&current, Table::CriterionValues, &csv_text(&r, Table::CriterionValues));
    assert_eq!(p.result.unwrap().initiative("i1").unwrap().scoring.custom, [("fit".to_string(), 4.5)].into());
}

#[test]
fn a_file_as_european_excel_saves_it_imports() {
    // Semicolons, decimal commas, months turned into dates, a formula guard, Windows-1252.
    let file = b"sep=;\r\nId;Name;Start;End;Capex;FTE;Vendors\r\ni1;CRM rollout;Mar-26;01.11.2026;250000;3,5;\"Salesforce; Acme\"\r\n;'=Caf\xE9 \xAB\xBB;2027-01-01;2027-06-30;1 200,50;;\r\n";
    let parsed = parse(file).unwrap();
    let p = preview(&sample(), Table::Initiatives, &parsed, &propose_mapping(Table::Initiatives, &parsed.headers));
    assert!(p.is_clean(), "{:?}", p.errors);
    assert_eq!(p.warnings.len(), 1, "the encoding: {:?}", p.warnings);
    let result = p.result.unwrap();
    let crm = result.initiative("i1").unwrap();
    assert_eq!((crm.start, crm.end, crm.fte), (Some(m("2026-03")), Some(m("2026-11")), 3.5));
    assert_eq!(crm.vendors, ["Salesforce", "Acme"]);
    let new = result.initiatives.last().unwrap();
    assert_eq!((new.name.as_str(), new.capex, new.end), ("=Café «»", 1200.5, Some(m("2027-06"))));
}

#[test]
fn warnings_do_not_block() {
    let p = import(&sample(), Table::Initiatives, "Id,Start,End,Colour\ni3,2030-01,2030-02,red\n");
    assert!(p.is_clean());
    assert_eq!(p.warnings[0], "Not imported (no field chosen): \"Colour\"");
    assert!(p.warnings[1].contains("start 2030-01 is outside the planning horizon"), "{:?}", p.warnings);
}

#[test]
fn the_sample_round_trips_with_every_option() {
    for bom in [true, false] {
        for delimiter in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab] {
            let options = ExportOptions { bom, delimiter, zip_time: None };
            assert_eq!(round_trip(&sample(), &options), Ok(sample()), "{options:?}");
        }
    }
    // Importing a roadmap's own tables into it changes nothing.
    for table in Table::ALL {
        let p = import(&sample(), table, &csv_text(&sample(), table));
        assert!(p.added.is_empty() && p.updated.is_empty(), "{table:?}: {:?}", p.updated);
        let (before, after) = (sample(), p.result.unwrap());
        assert_eq!(after, before);
        // Nothing copied: every item is still the same allocation (cheap undo snapshots).
        let shared = |a: &Roadmap, b: &Roadmap| {
            a.goals.iter().zip(&b.goals).all(|(x, y)| Arc::ptr_eq(x, y))
                && a.capabilities.iter().zip(&b.capabilities).all(|(x, y)| Arc::ptr_eq(x, y))
                && a.initiatives.iter().zip(&b.initiatives).all(|(x, y)| Arc::ptr_eq(x, y))
        };
        let p = import(&before, table, &csv_text(&before, table));
        assert!(shared(&before, &p.result.unwrap()), "{table:?}");
    }
}

#[test]
fn the_demo_with_its_landscape_round_trips() {
    let demo = crate::domain::demo::demo_roadmap();
    assert!(demo.landscape.applications.len() > 50);
    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
        let options = ExportOptions { delimiter, ..ExportOptions::default() };
        let back = round_trip(&demo, &options).unwrap();
        assert_eq!(back.landscape, demo.landscape, "{delimiter:?}");
        assert_eq!(back, demo);
    }
}

#[test]
fn a_generated_landscape_round_trips() {
    let r = crate::domain::landscape::generate::generate(5, crate::domain::landscape::generate::scaled(150));
    let back = round_trip(&r, &ExportOptions::default()).unwrap();
    assert_eq!(back.landscape, r.landscape);
}

#[test]
fn generated_roadmaps_round_trip() {
    let r = generate(11, 400);
    assert_eq!(round_trip(&r, &ExportOptions::default()).map(|back| back == r), Ok(true));
}

/// Files for checking by hand: `cargo test --lib spreadsheet::tests::write_demo_files --
/// --ignored`, then `unzip -t /tmp/cairn-demo.zip` and open the CSVs in a spreadsheet.
#[test]
#[ignore]
fn write_demo_files() {
    let demo = crate::domain::demo::demo_roadmap();
    std::fs::write("/tmp/cairn-demo.zip", export_zip(&demo, &ExportOptions::default())).unwrap();
    for table in Table::ALL {
        std::fs::write(
            format!("/tmp/cairn-demo-{}", table.file_name()),
            export_table(&demo, table, &ExportOptions::default()),
        )
        .unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn any_roadmap_round_trips_exactly(
        r in testing::roadmap(),
        bom in any::<bool>(),
        delimiter in prop::sample::select(vec![Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab]),
    ) {
        let back = round_trip(&r, &ExportOptions { bom, delimiter, zip_time: None }).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back, r);
    }

    #[test]
    fn awkward_text_round_trips(
        texts in prop::collection::vec(prop_oneof![
            "[=+\\-@\t\r'\"]{1,3}(?s).{0,8}",
            "(?s).{0,12}",
            "[,;\"\n\r ]{0,6}",
        ], 6),
        vendors in prop::collection::vec("(?s).{0,6}", 0..4),
    ) {
        let mut r = sample();
        let g = r.goal_mut("g1").unwrap();
        (g.name, g.description, g.theme) = (format!("x{}", texts[0]), texts[1].clone(), texts[2].clone());
        let i = r.initiative_mut("i1").unwrap();
        (i.owner, i.sponsor) = (texts[3].clone(), texts[4].clone());
        i.milestones[0].name = texts[5].clone();
        i.vendors = vendors;
        let back = round_trip(&r, &ExportOptions::default()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back, r);
    }

    #[test]
    fn lists_round_trip(items in prop::collection::vec("(?s).{0,8}", 0..5)) {
        prop_assert_eq!(split_list(&join_list(&items)), items);
    }

    #[test]
    fn numbers_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        prop_assert_eq!(parse_number(&number_text(x), false), Ok(x));
    }

    #[test]
    fn neutralising_round_trips(text in "['=+\\-@\t\r]{0,3}(?s).{0,6}") {
        let written = neutralise(&text);
        prop_assert!(!written.starts_with(FORMULA_START));
        prop_assert_eq!(unneutralise(&written), text.as_str());
    }

    #[test]
    fn reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(parsed) = parse(&bytes) {
            for table in Table::ALL {
                let _ = preview(&sample(), table, &parsed, &propose_mapping(table, &parsed.headers));
            }
        }
    }

    #[test]
    fn any_mapping_never_panics(
        text in "[a-zA-Z0-9,;\"\n =\\-]{0,200}",
        fields in prop::collection::vec(prop::option::of(0..42usize), 0..8),
    ) {
        let all: Vec<Field> = Table::ALL.iter().flat_map(|t| t.fields().iter().copied()).collect();
        if let Ok(parsed) = parse(format!("Id,Name,Start\n{text}").as_bytes()) {
            let mapping = Mapping { columns: fields.iter().map(|f| f.map(|k| all[k % all.len()])).collect() };
            for table in Table::ALL {
                let _ = preview(&sample(), table, &parsed, &mapping);
            }
        }
    }
}

// ---- the landscape's tables ------------------------------------------------------------------

mod landscape {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::landscape::{AppType, Criticality, Direction, Disposition, Ends, Hosting};

    fn import_with(r: &Roadmap, table: Table, text: &str, options: ImportOptions) -> Preview {
        let parsed = parse(text.as_bytes()).unwrap();
        let mapping = propose_mapping(table, &parsed.headers);
        preview_with(r, table, &parsed, &mapping, options)
    }

    fn today() -> ImportOptions {
        ImportOptions { today: Some(m("2026-12")), ..ImportOptions::default() }
    }

    fn app<'a>(r: &'a Roadmap, name: &str) -> &'a crate::domain::landscape::Application {
        r.landscape.applications.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no application {name}"))
    }

    /// The columns of a ServiceNow business application export (cmdb_ci_business_app).
    const SERVICENOW: &str = "\
Number,Name,Short description,Application type,Install type,Vendor,Business owner,IT application owner,Business criticality,Life cycle stage,Contract end date,Planned disposition,Target application,User base
APM0001001,Fleet Telematics Hub,Vehicle positions,COTS,Cloud,Samsara,Head of Fleet,Fleet IT,1 - most critical,Operational,2027-06-30 00:00:00,Invest,,1200
APM0001002,Legacy Dispatch,Green screen dispatch,Custom,On-premise,,Head of Ops,Ops IT,2 - somewhat critical,Retiring,,Retire,Fleet Telematics Hub,300
APM0001003,Salesforce Sales Cloud,CRM,SaaS,Cloud,Salesforce,CCO,CRM team,2 - somewhat critical,Operational,2028-03-31,Invest,,250
";

    #[test]
    fn a_servicenow_export_is_recognised_and_imported() {
        let parsed = parse(SERVICENOW.as_bytes()).unwrap();
        assert_eq!(Table::guess("cmdb_ci_business_app.csv", &parsed.headers), Some(Table::Applications));
        let mapping = propose_mapping(Table::Applications, &parsed.headers);
        let mapped: Vec<Option<Field>> = mapping.columns.clone();
        use Field as F;
        assert_eq!(
            mapped,
            vec![
                Some(F::Id),
                Some(F::Name),
                Some(F::Description),
                Some(F::AppType),
                Some(F::Hosting),
                Some(F::Vendor),
                Some(F::BusinessOwner),
                Some(F::ItOwner),
                Some(F::Criticality),
                Some(F::LifecycleStage),
                Some(F::ContractEnd),
                Some(F::Disposition),
                Some(F::Successor),
                Some(F::Users),
            ]
        );
        let demo = demo_roadmap();
        let p = import_with(&demo, Table::Applications, SERVICENOW, today());
        assert!(p.is_clean(), "{:#?}", p.errors);
        assert_eq!(p.summary(), "2 applications added, 1 updated, 0 unchanged");
        assert_eq!(p.duplicates, 1, "Salesforce Sales Cloud is in the demo under another id");
        assert!(p.warnings.iter().any(|w| w.contains("Lifecycle stage") && w.contains("2026-12")), "{:?}", p.warnings);
        let r = p.result.unwrap();
        let hub = app(&r, "Fleet Telematics Hub");
        assert_eq!(hub.id, "APM0001001");
        assert_eq!(
            (hub.kind, hub.hosting, hub.criticality),
            (AppType::Cots, Hosting::Cloud, Criticality::MissionCritical)
        );
        assert_eq!((hub.lifecycle.active, hub.contract_end, hub.users), (Some(m("2026-12")), Some(m("2027-06")), 1200));
        assert_eq!(hub.disposition, Some(Disposition::Invest));
        let old = app(&r, "Legacy Dispatch");
        assert_eq!(old.lifecycle.phase_out, Some(m("2026-12")));
        assert_eq!(old.successor.as_deref(), Some("APM0001001"));
        assert_eq!((old.disposition, old.criticality), (Some(Disposition::Eliminate), Criticality::High));
        // The duplicate keeps its id and its dated lifecycle (a stage does not overwrite dates).
        let sfdc = app(&r, "Salesforce Sales Cloud");
        let before = app(&demo, "Salesforce Sales Cloud");
        assert_eq!((sfdc.id.as_str(), sfdc.lifecycle), ("app-sfdc", before.lifecycle));
        assert_eq!(sfdc.it_owner, "CRM team");
        assert_eq!(r.landscape.applications.len(), demo.landscape.applications.len() + 2);
    }

    #[test]
    fn duplicates_by_name_are_updated_or_skipped_as_chosen() {
        let demo = demo_roadmap();
        let text = "Name,IT owner\nsalesforce sales cloud ,New team\nBrand new app,Team B\n";
        let update = import_with(&demo, Table::Applications, text, today());
        assert_eq!((update.duplicates, update.skipped, update.updated.len(), update.added.len()), (1, 0, 1, 1));
        assert_eq!(update.updated[0].detail, "IT owner");
        let skip =
            import_with(&demo, Table::Applications, text, ImportOptions { duplicates: Duplicates::Skip, ..today() });
        assert_eq!((skip.duplicates, skip.skipped, skip.updated.len(), skip.added.len()), (1, 1, 0, 1));
        assert_eq!(skip.summary(), "1 application added, 0 updated, 0 unchanged, 1 duplicate skipped");
        let r = skip.result.unwrap();
        assert_eq!(app(&r, "Salesforce Sales Cloud"), app(&demo, "Salesforce Sales Cloud"));
        // Rows found by their id are not duplicates.
        let by_id = import_with(
            &demo,
            Table::Applications,
            "Id,IT owner\napp-sfdc,X\n",
            ImportOptions { duplicates: Duplicates::Skip, ..today() },
        );
        assert_eq!((by_id.duplicates, by_id.updated.len()), (0, 1));
    }

    #[test]
    fn leanix_fact_sheets_are_recognised() {
        let text = "\
id,type,name,lifecycle:plan,lifecycle:phaseIn,lifecycle:active,lifecycle:phaseOut,lifecycle:endOfLife,businessCriticality,functionalSuitability,technicalSuitability,TIMEClassification
28fe4aa2,Application,Route Planner,2024-01-01,2024-06-01,2025-01-01,2029-01-01,2030-01-01,businessCritical,appropriate,fullyAppropriate,invest
28fe4aa3,Application,Old Billing,,,2010-03-01,2026-06-01,2027-01-01,administrativeService,unreasonable,inappropriate,eliminate
";
        let parsed = parse(text.as_bytes()).unwrap();
        assert_eq!(Table::guess("Applications.csv", &parsed.headers), Some(Table::Applications));
        let p = import_with(&demo_roadmap(), Table::Applications, text, today());
        assert!(p.is_clean(), "{:#?}", p.errors);
        let r = p.result.unwrap();
        let planner = app(&r, "Route Planner");
        assert_eq!(planner.lifecycle.plan, Some(m("2024-01")));
        assert_eq!(planner.lifecycle.end_of_life, Some(m("2030-01")));
        assert_eq!((planner.functional_fit, planner.technical_fit), (Some(3), Some(4)));
        assert_eq!((planner.criticality, planner.disposition), (Criticality::High, Some(Disposition::Invest)));
        assert_eq!(planner.kind, AppType::default(), "LeanIX's type column says Application, not how it was obtained");
        let billing = app(&r, "Old Billing");
        assert_eq!(
            (billing.functional_fit, billing.technical_fit, billing.criticality),
            (Some(1), Some(1), Criticality::Low)
        );
    }

    #[test]
    fn landscape_row_errors_name_row_column_and_value() {
        let demo = demo_roadmap();
        let one = |table: Table, text: &str| {
            let p = import_with(&demo, table, text, today());
            assert!(p.result.is_none());
            assert_eq!(p.errors.len(), 1, "{:#?}", p.errors);
            p.errors[0].message.clone()
        };
        assert_eq!(
            one(Table::Applications, "Name,Functional fit\nA,5\n"),
            "row 2: Functional fit \"5\" is not a fit from 1 (poor) to 4 (excellent), nor LeanIX's words for one"
        );
        assert!(one(Table::Applications, "Name,Disposition\nA,Hold\n")
            .starts_with("row 2: Disposition \"Hold\" is not one of: Tolerate, Invest, Migrate, Eliminate"));
        assert_eq!(
            one(Table::Applications, "Name,Successor\nA,Nowhere\n"),
            "row 2: Successor \"Nowhere\" is not an application in this roadmap or this file"
        );
        assert!(one(Table::Applications, "Name,End of life\nA,2026-13\n").starts_with("row 2: End of life \"2026-13\""));
        assert_eq!(
            one(Table::Technologies, "Name,Catalog cycle\nX,7\n"),
            "row 2: Catalog cycle needs a Catalog product in the same row"
        );
        assert_eq!(
            one(Table::ApplicationLinks, "Application,Link,To\nSAP ECC 6.0,supports capability,Nowhere\n"),
            "row 2: To \"Nowhere\" is not a capability in this roadmap"
        );
        assert!(one(Table::ApplicationLinks, "Application,Link,To\nSAP ECC 6.0,loves,Nowhere\n")
            .starts_with("row 2: Link \"loves\" is not a kind of link"));
        assert_eq!(
            one(Table::ApplicationLinks, "Application,Link\nSAP ECC 6.0,interface\n"),
            "No column is imported as To id or To"
        );
    }

    #[test]
    fn technologies_take_catalog_matches_and_support_words() {
        let text = "Name,Version,Catalog product,Catalog cycle,Catalog end of life,Catalog end of extended support\nZ OS,3,zos,3,ended,never\n";
        let p = import_with(&demo_roadmap(), Table::Technologies, text, today());
        assert!(p.is_clean(), "{:#?}", p.errors);
        let r = p.result.unwrap();
        let t = r.landscape.technologies.iter().find(|t| t.name == "Z OS").unwrap();
        let c = t.catalog.as_ref().unwrap();
        assert_eq!(
            (c.product.as_str(), c.cycle.as_str(), c.end_of_life, c.extended_support),
            ("zos", "3", Ends::Ended, Ends::Never)
        );
        assert!(t.id.starts_with("tech-"));
    }

    #[test]
    fn link_rows_replace_only_the_kinds_the_file_holds() {
        let demo = demo_roadmap();
        let ecc = app(&demo, "SAP ECC 6.0").clone();
        assert!(!ecc.technologies.is_empty() && !ecc.capabilities.is_empty());
        let cap = &demo.capabilities[0];
        let text = format!("Application,Link,To,Fit\nSAP ECC 6.0,supports capability,{},2\n", cap.name);
        let p = import_with(&demo, Table::ApplicationLinks, &text, today());
        assert!(p.is_clean(), "{:#?}", p.errors);
        assert_eq!(p.updated.len(), 1);
        assert!(p.updated[0].detail.starts_with("1 capability, was "), "{}", p.updated[0].detail);
        let r = p.result.unwrap();
        let after = app(&r, "SAP ECC 6.0");
        assert_eq!(after.capabilities.len(), 1);
        assert_eq!(after.capabilities[0].fit, Some(2));
        assert_eq!(after.technologies, ecc.technologies, "technologies were not in the file");
        assert_eq!(r.landscape.changes, demo.landscape.changes, "changes were not in the file");
    }

    #[test]
    fn interfaces_and_replacements_come_back_as_they_were() {
        let demo = demo_roadmap();
        let text = csv_text(&demo, Table::ApplicationLinks);
        assert!(text.contains("retired by initiative") && text.contains("introduced by initiative"));
        // Import into the demo without its links: the file gives every one back.
        let mut bare = demo.clone();
        for a in &mut bare.landscape.applications {
            let a = Arc::make_mut(a);
            a.capabilities.clear();
            a.technologies.clear();
            a.interfaces.clear();
        }
        bare.landscape.changes.clear();
        let p = import_with(&bare, Table::ApplicationLinks, &text, today());
        assert!(p.is_clean(), "{:#?}", p.errors);
        let r = p.result.unwrap();
        assert_eq!(r.landscape, demo.landscape);
        assert!(r.landscape.changes.iter().any(|c| c.retires.is_some() && c.introduces.is_some()));
        assert!(r
            .landscape
            .applications
            .iter()
            .flat_map(|a| &a.interfaces)
            .any(|i| i.direction != Direction::Outbound));
    }

    #[test]
    fn five_thousand_applications_import_through_the_preview() {
        let r = crate::domain::landscape::generate::generate(3, crate::domain::landscape::generate::scaled(5_000));
        let text = csv_text(&r, Table::Applications);
        let p = import_with(&emptied(&r), Table::Applications, &text, today());
        assert!(p.is_clean(), "{:?}", p.errors.first());
        assert_eq!(p.added.len(), 5_000);
    }
}
