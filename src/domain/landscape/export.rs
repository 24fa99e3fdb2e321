//! The landscape as spreadsheets: applications, technologies, and every link (capabilities
//! supported, technologies used, interfaces, the initiatives' changes) as CSV files in one
//! zip. The tables are the spreadsheet module's (`domain::spreadsheet`, `Table::LANDSCAPE`):
//! written as the roadmap's tables are (UTF-8 with a byte-order mark, CRLF, months `YYYY-MM`,
//! lists joined with "; ", plain numbers, and a text cell that a spreadsheet would run as a
//! formula made safe with a leading apostrophe), and read back by its import.

use crate::domain::model::Roadmap;
use crate::domain::spreadsheet::{export_table, zip::zip, ExportOptions, Table, ZipTime};

/// The three files in one zip: `applications.csv`, `technologies.csv`, `application-links.csv`.
pub fn landscape_zip(r: &Roadmap, time: Option<ZipTime>) -> Vec<u8> {
    let options = ExportOptions { zip_time: time, ..ExportOptions::default() };
    let files: Vec<(&str, Vec<u8>)> =
        Table::LANDSCAPE.iter().map(|&t| (t.file_name(), export_table(r, t, &options))).collect();
    zip(&files, time)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn applications_csv(r: &Roadmap) -> Vec<u8> {
        export_table(r, Table::Applications, &ExportOptions::default())
    }
    fn technologies_csv(r: &Roadmap) -> Vec<u8> {
        export_table(r, Table::Technologies, &ExportOptions::default())
    }
    fn links_csv(r: &Roadmap) -> Vec<u8> {
        export_table(r, Table::ApplicationLinks, &ExportOptions::default())
    }
    use crate::domain::demo::demo_roadmap;

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn the_demo_landscape_exports_every_item_and_link() {
        let r = demo_roadmap();
        let l = &r.landscape;
        let apps = read(&applications_csv(&r));
        assert_eq!(apps.len(), l.applications.len() + 1);
        assert_eq!(apps[0][0], "Id");
        let ecc = apps.iter().find(|row| row[1] == "SAP ECC 6.0").unwrap();
        assert_eq!((ecc[13].as_str(), ecc[14].as_str(), ecc[18].as_str()), ("2008-01", "2027-03", "Migrate"));
        assert_eq!(ecc[21], "950000");
        let techs = read(&technologies_csv(&r));
        assert_eq!(techs.len(), l.technologies.len() + 1);
        assert!(techs.iter().any(|t| t[9] == "oracle-database" && t[13] == "2022-03"));
        let links = read(&links_csv(&r));
        let expected: usize = l
            .applications
            .iter()
            .map(|a| a.capabilities.len() + a.technologies.len() + a.interfaces.len())
            .sum::<usize>()
            + l.changes
                .iter()
                .map(|c| usize::from(c.retires.is_some()) + usize::from(c.introduces.is_some()))
                .sum::<usize>();
        assert_eq!(links.len(), expected + 1);
        assert!(landscape_zip(&r, None).starts_with(b"PK"));
    }

    #[test]
    fn the_enterprise_landscape_exports_every_link() {
        let r = super::super::generate::generate(3, super::super::generate::ENTERPRISE);
        let links = read(&links_csv(&r));
        assert!(links.len() > 100_000, "{}", links.len());
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_made_safe() {
        let mut r = demo_roadmap();
        std::sync::Arc::make_mut(&mut r.landscape.applications[0]).name = "=HYPERLINK(\"http://x\")".into();
        let apps = read(&applications_csv(&r));
        assert!(apps[1][1].starts_with("'="), "{}", apps[1][1]);
    }
}
