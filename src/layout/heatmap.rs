//! The capability map's layout for the heatmap: nested boxes, placed once per width and
//! reused for every metric and date.
//!
//! - L1 capabilities are columns, left to right in list order. When they do not all fit at
//!   the minimum column width they wrap into bands of columns, the L1s shared out evenly
//!   between the bands. Within a band, columns get the widths that make the band lowest
//!   (a column with more inside gets wider), and the band's column headers share one
//!   height so that the boxes below them line up.
//! - Under its L1 header, a column stacks its L2 capabilities as blocks, full width.
//! - Under its L2 header, a block holds its L3 capabilities as tiles in a grid of 1 to 3
//!   per row: as many as still fit [`Options::min_tile_chars`] characters a line.
//! - A capability without children is a leaf tile. A capability deeper than level 3 (a
//!   validation error) is a level-3 tile in its L2 ancestor's grid, right after its parent.
//!   A capability whose parent is missing, or that is cut out of a loop of parents, is an
//!   L1 (see [`CapabilityTree`]). Every capability is placed exactly once.
//!
//! Text is fitted without measuring it: a character is taken as 0.62 × the font size wide
//! on average ([`Options::char_width`]). Names wrap at spaces and after hyphens (a word
//! longer than a line is cut) into at most [`Options::max_lines`] lines, the last one
//! ending in "…" when the name does not fit (see [`wrap`]). The value is written
//! right-aligned on the last name line when there is room for [`Options::value_width`]
//! there, else on a line of its own. When the map would be taller than
//! [`Options::fit_height`], L3 names, and then L2 names too, are kept to one line beside
//! the value if that makes it fit; if nothing fits, names keep all their lines and the map
//! grows taller (on narrow screens).
//!
//! The layout does not depend on the metric shown, so boxes stay put when it changes.

use super::{overlap, Rect, EPS};
use crate::domain::heatmap::CapabilityTree;
use crate::domain::model::{display_name, Id, Roadmap};

/// One capability's box.
#[derive(Clone, PartialEq, Debug)]
pub struct Tile {
    pub id: Id,
    /// 1..=3: the level it is drawn at.
    pub level: u8,
    pub rect: Rect,
    /// The name (the id when it has none), wrapped into at most `max_lines` lines, the last
    /// ending in "…" when it was cut.
    pub lines: Vec<String>,
    pub truncated: bool,
    pub font_size: f64,
    /// The enclosing tile (index into `Layout::tiles`); `None` for an L1 column.
    pub parent: Option<usize>,
    /// The full name, for a tooltip when `truncated`.
    pub name: String,
    /// The capability has children in the map, so its value is a roll-up.
    pub has_children: bool,
    /// The strip holding the name and the value: the whole tile for a leaf, the top of a
    /// column or block with tiles below.
    pub header: Rect,
    pub line_height: f64,
    /// Top-left corner of the first name line; line `k` starts `k × line_height` lower.
    pub text_at: (f64, f64),
    /// Top-right corner of the value text, which is drawn right-aligned.
    pub value_at: (f64, f64),
}

impl Tile {
    /// The centre of the header, where a pointer certainly hits this tile itself.
    pub fn header_centre(&self) -> (f64, f64) {
        self.header.centre()
    }
}

/// The placed map: tiles in depth-first order (a parent before its children), so that a
/// later tile is never an ancestor of an earlier one.
#[derive(Clone, PartialEq, Debug)]
pub struct Layout {
    pub tiles: Vec<Tile>,
    pub width: f64,
    pub height: f64,
}

/// Sizes, in CSS pixels at screen scale.
#[derive(Clone, PartialEq, Debug)]
pub struct Options {
    /// The width to fill.
    pub width: f64,
    /// Narrowest L1 column (170); columns wrap into bands below this.
    pub min_column_width: f64,
    /// Space between columns and between bands (6).
    pub gap: f64,
    /// Lowest L1 column header (30); a band's headers share the tallest one.
    pub header_height: f64,
    /// Space between a column's or block's edge and the boxes inside it (4).
    pub padding: f64,
    /// Space between boxes inside a column or block (4).
    pub inner_gap: f64,
    /// Space between a box's edge and its text: (left and right, top and bottom), (5, 3).
    pub text_padding: (f64, f64),
    /// Font size of L1, L2 and L3 names and values (15, 13, 12).
    pub font_sizes: [f64; 3],
    /// Line height as a multiple of the font size (1.2).
    pub line_spacing: f64,
    /// Average character width as a multiple of the font size (0.62: measured against the
    /// widest common system fonts, DejaVu Sans and Verdana, bold headers included).
    pub char_width: f64,
    /// Room kept for the value text, as a multiple of the font size (4.8: about "EUR 1.2M").
    pub value_width: f64,
    /// Most lines of name for L1, L2 and L3 (2, 2, 3).
    pub max_lines: [usize; 3],
    /// L3 tiles share a row (up to 3 to a row) only when each still holds this many
    /// characters of name on a line (12).
    pub min_tile_chars: usize,
    /// The height to fit in (900): when the map is taller, L3 names and then L2 names are
    /// kept to one line, if that makes it fit; otherwise names keep all their lines and
    /// the map is taller.
    pub fit_height: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 1200.0,
            min_column_width: 170.0,
            gap: 6.0,
            header_height: 30.0,
            padding: 4.0,
            inner_gap: 4.0,
            text_padding: (5.0, 3.0),
            font_sizes: [15.0, 13.0, 12.0],
            line_spacing: 1.2,
            char_width: 0.62,
            value_width: 4.8,
            max_lines: [2, 2, 3],
            min_tile_chars: 12,
            fit_height: 900.0,
        }
    }
}

impl Options {
    /// The default options for a width.
    pub fn for_width(width: f64) -> Options {
        Options { width, ..Options::default() }
    }

    fn font(&self, level: u8) -> f64 {
        self.font_sizes[level as usize - 1]
    }
}

/// Wraps `text` into lines of at most `per_line` characters, at most `max_lines` of
/// them. Lines break at spaces or after hyphens; a word longer than a line is cut. When the
/// text does not fit, the last line holds as much of the rest as fits, ending in "…".
/// Returns the lines and whether the text was cut short.
pub fn wrap(text: &str, per_line: usize, max_lines: usize) -> (Vec<String>, bool) {
    wrap_chars(&normalise(text), per_line, max_lines)
}

/// The text with runs of white space made single spaces and trimmed, as characters.
fn normalise(text: &str) -> Vec<char> {
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect()
}

fn wrap_chars(chars: &[char], per_line: usize, max_lines: usize) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let cut = break_lines(chars, per_line, max_lines, |line| lines.push(line.iter().collect()));
    match lines.last_mut() {
        Some(last) if cut => *last = format!("{}…", last.trim_end()),
        None => lines.push(String::new()),
        _ => {}
    }
    (lines, cut)
}

/// Greedy line breaking (see [`wrap`]): calls `line` with each line's characters and
/// returns whether the text was cut, in which case the last line is to get a "…".
fn break_lines(chars: &[char], per_line: usize, max_lines: usize, mut line: impl FnMut(&[char])) -> bool {
    let (per_line, max_lines) = (per_line.max(1), max_lines.max(1));
    let (mut start, mut count) = (0, 0);
    while start < chars.len() {
        let rest = &chars[start..];
        if count + 1 == max_lines && rest.len() > per_line {
            line(&rest[..per_line - 1]);
            return true;
        }
        // (end of this line, start of the next) at the last break that fits.
        let (end, next) = if rest.len() <= per_line {
            (rest.len(), rest.len())
        } else {
            (1..=per_line)
                .rev()
                .find_map(|b| match (rest[b], rest[b - 1]) {
                    (' ', _) => Some((b, b + 1)),
                    (_, '-') => Some((b, b)),
                    _ => None,
                })
                .unwrap_or((per_line, per_line))
        };
        line(&rest[..end]);
        (start, count) = (start + next, count + 1);
    }
    false
}

/// A name fitted into a box width.
struct Text {
    per_line: usize,
    max_lines: usize,
    truncated: bool,
    /// The value needs a line of its own below the name.
    value_below: bool,
    height: f64,
}

/// What every attempt at a layout shares: the tree, and the tiles of each L2's grid.
struct Map<'a> {
    r: &'a Roadmap,
    tree: CapabilityTree,
    /// Everything under each L2 capability, depth first (empty for the others).
    grid: Vec<Vec<usize>>,
    /// Each capability's name (its id when it has none), normalised for [`wrap`].
    names: Vec<Vec<char>>,
}

impl<'a> Map<'a> {
    fn new(r: &'a Roadmap) -> Map<'a> {
        let tree = CapabilityTree::new(r);
        let mut grid = vec![Vec::new(); r.capabilities.len()];
        for &l2 in tree.roots.iter().flat_map(|&root| &tree.children[root]) {
            let mut stack: Vec<usize> = tree.children[l2].iter().rev().copied().collect();
            while let Some(i) = stack.pop() {
                grid[l2].push(i);
                stack.extend(tree.children[i].iter().rev());
            }
        }
        let names = r.capabilities.iter().map(|c| normalise(display_name(&c.name, &c.id))).collect();
        Map { r, tree, grid, names }
    }
}

/// One attempt at a layout, with a limit on name lines per level. Boxes are measured
/// (`out` = `None`) and placed (`out` = the tiles) by the same code.
struct Builder<'a> {
    map: &'a Map<'a>,
    o: &'a Options,
    max_lines: [usize; 3],
}

impl Builder<'_> {
    /// Characters of name a line holds in a box `width` wide. A name kept to one line
    /// leaves room for the value beside it.
    fn per_line(&self, level: u8, width: f64) -> usize {
        let o = self.o;
        let font = o.font(level);
        let inner = (width - 2.0 * o.text_padding.0).max(0.0);
        let room = if self.max_lines[level as usize - 1] == 1 { inner - (0.4 + o.value_width) * font } else { inner };
        (room.max(0.0) / (o.char_width * font)).floor() as usize
    }

    fn text(&self, i: usize, level: u8, width: f64) -> Text {
        let o = self.o;
        let font = o.font(level);
        let inner = (width - 2.0 * o.text_padding.0).max(0.0);
        let (per_line, max_lines) = (self.per_line(level, width), self.max_lines[level as usize - 1]);
        let (mut lines, mut last) = (0, 0);
        let truncated = break_lines(&self.map.names[i], per_line, max_lines, |line| {
            lines += 1;
            last = line.len() - line.iter().rev().take_while(|&&c| c == ' ').count();
        });
        let last = (last + truncated as usize) as f64 * o.char_width * font;
        let value_below = max_lines > 1 && last > 0.0 && last + (0.4 + o.value_width) * font > inner;
        let rows = lines.max(1) + value_below as usize;
        let height = 2.0 * o.text_padding.1 + rows as f64 * o.line_spacing * font;
        Text { per_line, max_lines, truncated, value_below, height }
    }

    /// Adds a tile to `out` (when placing) and returns its index there.
    fn tile(
        &self,
        out: &mut Option<&mut Vec<Tile>>,
        i: usize,
        level: u8,
        rect: Rect,
        text: Text,
        parent: Option<usize>,
    ) -> usize {
        let Some(out) = out else { return 0 };
        let o = self.o;
        let font = o.font(level);
        let line_height = o.line_spacing * font;
        let (px, py) = o.text_padding;
        let (lines, truncated) = wrap_chars(&self.map.names[i], text.per_line, text.max_lines);
        debug_assert_eq!(truncated, text.truncated);
        let value_line = lines.len() - 1 + text.value_below as usize;
        out.push(Tile {
            id: self.map.r.capabilities[i].id.clone(),
            level,
            rect,
            lines,
            truncated,
            font_size: font,
            parent,
            name: self.map.names[i].iter().collect(),
            has_children: !self.map.tree.children[i].is_empty(),
            header: Rect { h: text.height, ..rect },
            line_height,
            text_at: (rect.x + px, rect.y + py),
            value_at: (rect.right() - px, rect.y + py + value_line as f64 * line_height),
        });
        out.len() - 1
    }

    /// An L1 column at (x, y), `w` wide, its header at least `header` high; returns its
    /// height.
    fn column(&self, root: usize, x: f64, y: f64, w: f64, header: f64, mut out: Option<&mut Vec<Tile>>) -> f64 {
        let o = self.o;
        let text = self.text(root, 1, w);
        if self.map.tree.children[root].is_empty() {
            let h = text.height;
            self.tile(&mut out, root, 1, Rect { x, y, w, h }, text, None);
            return h;
        }
        let header = text.height.max(header);
        let me = self.tile(&mut out, root, 1, Rect { x, y, w, h: header }, text, None);
        let mut bottom = y + header;
        for (k, &kid) in self.map.tree.children[root].iter().enumerate() {
            let top = bottom + if k > 0 { o.inner_gap } else { 0.0 };
            bottom = top + self.block(kid, x + o.padding, top, w - 2.0 * o.padding, me, out.as_deref_mut());
        }
        let h = bottom + o.padding - y;
        if let Some(out) = out {
            (out[me].rect.h, out[me].header.h) = (h, header);
        }
        h
    }

    /// An L2 block (or leaf tile) at (x, y), `w` wide, in column tile `column`; returns its
    /// height.
    fn block(&self, node: usize, x: f64, y: f64, w: f64, column: usize, mut out: Option<&mut Vec<Tile>>) -> f64 {
        let o = self.o;
        let text = self.text(node, 2, w);
        let header = text.height;
        let me = self.tile(&mut out, node, 2, Rect { x, y, w, h: header }, text, Some(column));
        let items = &self.map.grid[node];
        if items.is_empty() {
            return header;
        }
        // As many tiles a row (up to 3) as still fit `min_tile_chars` characters a line.
        let inner = w - 2.0 * o.padding;
        let tile_w = |k: usize| ((inner - (k - 1) as f64 * o.inner_gap) / k as f64).floor();
        let per_row =
            (2..=items.len().min(3)).rev().find(|&k| self.per_line(3, tile_w(k)) >= o.min_tile_chars).unwrap_or(1);
        let tile_w = if per_row == 1 { inner } else { tile_w(per_row) };
        let mut bottom = y + header;
        for (r, row) in items.chunks(per_row).enumerate() {
            let top = bottom + if r > 0 { o.inner_gap } else { 0.0 };
            let texts: Vec<Text> = row.iter().map(|&i| self.text(i, 3, tile_w)).collect();
            let h = texts.iter().map(|t| t.height).fold(0.0, f64::max);
            for (k, (text, &i)) in texts.into_iter().zip(row).enumerate() {
                let rect = Rect { x: x + o.padding + k as f64 * (tile_w + o.inner_gap), y: top, w: tile_w, h };
                self.tile(&mut out, i, 3, rect, text, Some(me));
            }
            bottom = top + h;
        }
        let h = bottom + o.padding - y;
        if let Some(out) = out {
            out[me].rect.h = h;
        }
        h
    }

    /// Column widths for a band, in whole pixels, filling the width: the widths (from the
    /// minimum up, in steps of at least 8 px) that make the band lowest; spare steps go to
    /// columns that stay within that height, and what rounding leaves to the column it
    /// suits best.
    fn widths(&self, band: &[usize]) -> Vec<f64> {
        let o = self.o;
        let n = band.len();
        let available = (o.width - (n - 1) as f64 * o.gap).max(n as f64).floor();
        let base = o.min_column_width.min(available / n as f64).floor();
        let extra = available - n as f64 * base;
        let steps = ((extra / 8.0) as usize).min(24);
        let step = if steps > 0 { (extra / steps as f64).floor() } else { 0.0 };
        let height = |c: usize, w: f64| self.column(band[c], 0.0, 0.0, w, o.header_height, None);
        // table[c][j]: column c's height at width base + j × step.
        let table: Vec<Vec<f64>> =
            (0..n).map(|c| (0..=steps).map(|j| height(c, base + j as f64 * step)).collect()).collect();
        let fit = |limit: f64| -> Option<Vec<usize>> {
            let js: Option<Vec<usize>> = table.iter().map(|h| h.iter().position(|&v| v <= limit)).collect();
            js.filter(|js| js.iter().sum::<usize>() <= steps)
        };
        let mut limits: Vec<f64> = table.iter().flatten().copied().collect();
        limits.sort_by(f64::total_cmp);
        limits.dedup();
        // The tallest height is always reachable (every column at the minimum width).
        let limit = limits[limits.partition_point(|&l| fit(l).is_none()).min(limits.len() - 1)];
        let mut js = fit(limit).unwrap_or_else(|| vec![0; n]);
        let mut spare = steps - js.iter().sum::<usize>();
        while spare > 0 {
            let before = spare;
            for c in 0..n {
                if spare > 0 && js[c] < steps && table[c][js[c] + 1] <= limit {
                    js[c] += 1;
                    spare -= 1;
                }
            }
            if spare == before {
                break;
            }
        }
        let mut widths: Vec<f64> = js.iter().map(|&j| base + j as f64 * step).collect();
        let rest = available - widths.iter().sum::<f64>();
        if rest > 0.0 {
            let best = (0..n)
                .map(|c| (height(c, widths[c] + rest), c))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .expect("a column")
                .1;
            widths[best] += rest;
        }
        widths
    }

    /// The map in `bands` bands of columns, the L1s shared out evenly.
    fn place(&self, bands: usize) -> Layout {
        let o = self.o;
        let roots = &self.map.tree.roots;
        let mut tiles: Vec<Tile> = Vec::with_capacity(self.map.r.capabilities.len());
        let (mut y, mut first) = (0.0, 0);
        for band in 0..bands {
            let size = roots.len() / bands + (band < roots.len() % bands) as usize;
            let band = &roots[first..first + size];
            first += size;
            let widths = self.widths(band);
            // The band's column headers share the tallest one's height.
            let header = band
                .iter()
                .zip(&widths)
                .filter(|(&c, _)| !self.map.tree.children[c].is_empty())
                .map(|(&c, &w)| self.text(c, 1, w).height)
                .fold(o.header_height, f64::max);
            let (mut x, mut height, mut columns) = (0.0, 0.0f64, Vec::with_capacity(size));
            for (&c, &w) in band.iter().zip(&widths) {
                columns.push(tiles.len());
                height = height.max(self.column(c, x, y, w, header, Some(&mut tiles)));
                x += w + o.gap;
            }
            // Columns reach down to the bottom of the band.
            for c in columns {
                tiles[c].rect.h = height;
                if !tiles[c].has_children {
                    tiles[c].header.h = height;
                }
            }
            y += height + o.gap;
        }
        let height = if tiles.is_empty() { 0.0 } else { y - o.gap };
        Layout { tiles, width: o.width, height }
    }
}

/// Lays the capability map out in `options.width` (see the module documentation): names
/// on up to `max_lines` lines, unless the map is then taller than `fit_height` and keeping
/// L3 names, then L2 names as well, to one line makes it fit. Deterministic; an empty map
/// has no tiles and height 0.
pub fn layout(r: &Roadmap, options: &Options) -> Layout {
    let o = options;
    let map = Map::new(r);
    let per_band = (((o.width + o.gap) / (o.min_column_width + o.gap)).floor() as usize).max(1);
    let bands = map.tree.roots.len().div_ceil(per_band);
    let full = o.max_lines;
    let mut first: Option<Layout> = None;
    for max_lines in [full, [full[0], full[1], 1], [full[0], 1, 1]] {
        let b = Builder { map: &map, o, max_lines };
        let l = b.place(bands);
        if l.height <= o.fit_height {
            return l;
        }
        first.get_or_insert(l);
    }
    first.expect("one attempt")
}

/// The layout for a screen of `width` × `height`: the standard sizes when the map fits (names
/// shortened to one line if that makes it fit, see [`Options::fit_height`]); else compact
/// sizes (fonts 13/11/10 px, tighter spacing) if those fit; else the standard layout, taller
/// than the screen (the page scrolls). So a map of about 300 capabilities is seen whole on a
/// 1920 × 1080 screen, and a small one keeps its comfortable type.
pub fn layout_to_fit(r: &Roadmap, width: f64, height: f64) -> Layout {
    let mut standard = Options::for_width(width);
    standard.fit_height = height;
    let first = layout(r, &standard);
    if first.height <= height {
        return first;
    }
    let compact = Options {
        font_sizes: [13.0, 11.0, 10.0],
        header_height: 24.0,
        padding: 3.0,
        inner_gap: 3.0,
        gap: 4.0,
        text_padding: (4.0, 2.0),
        line_spacing: 1.15,
        min_column_width: 140.0,
        ..standard
    };
    let second = layout(r, &compact);
    if second.height <= height {
        second
    } else {
        first
    }
}

/// The deepest tile under a point, by the same rectangles that are drawn; `None` in the
/// gaps and outside the map.
pub fn hit_test(layout: &Layout, x: f64, y: f64) -> Option<usize> {
    // Tiles come parents first, and siblings do not overlap: the last hit is the deepest.
    layout.tiles.iter().rposition(|t| t.rect.contains(x, y))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// Arrow-key navigation: the tile next to `from` in a direction, `None` at the edge.
///
/// Only tiles wholly beyond `from`'s edge and overlapping it across the direction of travel
/// count, not its own parents or children. Of those, the move goes
/// into the nearest box (the one whose edge is closest), and within it to the tile whose
/// level is closest to `from`'s, then the one with the closest centre. So Right from a
/// column's tile goes to the next column, Down from a block to the next block, and from
/// an L3 tile to the L3 tile beside or below it.
pub fn neighbour(layout: &Layout, from: usize, dir: Direction) -> Option<usize> {
    let tiles = &layout.tiles;
    let a = tiles.get(from)?;
    let ancestors = |mut i: usize| std::iter::from_fn(move || tiles[i].parent.inspect(|&p| i = p));
    let related = |i: usize| ancestors(from).any(|p| p == i) || ancestors(i).any(|p| p == from);
    let (ra, (ax, ay)) = (a.rect, a.rect.centre());
    // Distance from `from`'s edge to the tile's near edge, and whether they overlap across.
    let gap = |r: &Rect| match dir {
        Direction::Right => (r.x - ra.right(), overlap(r.y, r.bottom(), ra.y, ra.bottom())),
        Direction::Left => (ra.x - r.right(), overlap(r.y, r.bottom(), ra.y, ra.bottom())),
        Direction::Down => (r.y - ra.bottom(), overlap(r.x, r.right(), ra.x, ra.right())),
        Direction::Up => (ra.y - r.bottom(), overlap(r.x, r.right(), ra.x, ra.right())),
    };
    let distance = |r: &Rect| {
        let (x, y) = r.centre();
        (x - ax).hypot(y - ay)
    };
    let candidates: Vec<(usize, f64)> = (0..tiles.len())
        .filter(|&i| i != from && !related(i))
        .filter_map(|i| {
            let (g, across) = gap(&tiles[i].rect);
            (across && g >= -EPS).then_some((i, g))
        })
        .collect();
    let nearest = candidates
        .iter()
        .min_by(|p, q| {
            let key = |&(i, g): &(usize, f64)| (g, tiles[i].level as f64, distance(&tiles[i].rect));
            key(p).partial_cmp(&key(q)).expect("numbers")
        })?
        .0;
    candidates.iter().map(|c| c.0).filter(|&i| i == nearest || ancestors(i).any(|p| p == nearest)).min_by(|&p, &q| {
        let key = |i: usize| ((tiles[i].level as i32 - a.level as i32).abs() as f64, distance(&tiles[i].rect));
        key(p).partial_cmp(&key(q)).expect("numbers")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::Capability;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn caps(list: &[(&str, Option<&str>, &str)]) -> Roadmap {
        Roadmap {
            capabilities: list
                .iter()
                .map(|&(id, parent, name)| {
                    Arc::new(Capability {
                        id: id.into(),
                        name: name.into(),
                        parent: parent.map(String::from),
                        ..Capability::default()
                    })
                })
                .collect(),
            ..Roadmap::default()
        }
    }

    /// `l1` L1s × `l2` L2s × `l3` L3s with realistic names.
    pub(super) fn grid(l1: usize, l2: usize, l3: usize) -> Roadmap {
        const NAMES: [&str; 6] = [
            "Integrated order management",
            "Strategic planning",
            "Regulatory document handling",
            "Self-service onboarding",
            "Partner master data",
            "Real-time monitoring",
        ];
        let mut list: Vec<(String, Option<String>, String)> = Vec::new();
        for a in 0..l1 {
            let id1 = format!("c{a}");
            list.push((id1.clone(), None, crate::domain::model::AREAS[a % 8].to_string()));
            for b in 0..l2 {
                let id2 = format!("{id1}-{b}");
                list.push((id2.clone(), Some(id1.clone()), NAMES[(a + b) % 6].to_string()));
                for c in 0..l3 {
                    list.push((format!("{id2}-{c}"), Some(id2.clone()), NAMES[(a + b + c + 1) % 6].to_string()));
                }
            }
        }
        let refs: Vec<(&str, Option<&str>, &str)> =
            list.iter().map(|(i, p, n)| (i.as_str(), p.as_deref(), n.as_str())).collect();
        caps(&refs)
    }

    /// The layout invariants: every capability once, children inside their parents, boxes
    /// nested or apart, everything inside the bounds, text within its box.
    fn check(r: &Roadmap, l: &Layout) -> Result<(), String> {
        let mut placed: Vec<&str> = l.tiles.iter().map(|t| t.id.as_str()).collect();
        let mut ids: Vec<&str> = r.capabilities.iter().map(|c| c.id.as_str()).collect();
        placed.sort();
        ids.sort();
        if placed != ids {
            return Err("not every capability placed exactly once".into());
        }
        let bounds = Rect { x: 0.0, y: 0.0, w: l.width, h: l.height };
        let ancestor = |mut i: usize, of: usize| {
            while let Some(p) = l.tiles[i].parent {
                if p == of {
                    return true;
                }
                i = p;
            }
            false
        };
        for (i, t) in l.tiles.iter().enumerate() {
            let fail = |what: &str| Err(format!("{what}: tile {i} {t:?}"));
            if !t.rect.inside(&bounds) || t.rect.w <= 0.0 || t.rect.h <= 0.0 {
                return fail("outside the bounds");
            }
            if !t.header.inside(&t.rect) || t.lines.is_empty() || t.lines.len() > 3 {
                return fail("header");
            }
            let per_line = ((t.rect.w - 10.0) / (0.62 * t.font_size)).floor().max(1.0) as usize;
            if t.lines.iter().any(|line| line.chars().count() > per_line) {
                return fail("a line is too long");
            }
            if !(1..=3).contains(&t.level) || (t.level == 1) != t.parent.is_none() {
                return fail("level");
            }
            if let Some(p) = t.parent {
                let parent = &l.tiles[p];
                let strict = t.rect.inside(&parent.rect) && t.rect.w < parent.rect.w && t.rect.h < parent.rect.h;
                if p >= i || !strict || t.rect.y < parent.header.bottom() - EPS || parent.level >= t.level {
                    return fail("not inside its parent");
                }
            }
            for (j, u) in l.tiles.iter().enumerate().skip(i + 1) {
                if t.rect.overlaps(&u.rect) && !ancestor(j, i) {
                    return Err(format!("tiles {i} and {j} overlap: {:?} {:?}", t.rect, u.rect));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn wraps_and_truncates() {
        assert_eq!(wrap("Strategic planning", 20, 2), (vec!["Strategic planning".to_string()], false));
        assert_eq!(wrap("Strategic planning", 12, 2), (vec!["Strategic".into(), "planning".into()], false));
        assert_eq!(wrap("Regulatory document handling", 10, 2), (vec!["Regulatory".into(), "document…".into()], true));
        assert_eq!(
            wrap("Supercalifragilistic", 8, 3),
            (vec!["Supercal".into(), "ifragili".into(), "stic".into()], false)
        );
        assert_eq!(wrap("A very long name indeed", 6, 1), (vec!["A ver…".into()], true));
        assert_eq!(wrap("", 6, 2), (vec![String::new()], false));
        assert_eq!(wrap("Identité & accès", 8, 2), (vec!["Identité".into(), "& accès".into()], false));
        assert_eq!(
            wrap("Procurement & purchase-to-pay", 13, 3),
            (vec!["Procurement &".into(), "purchase-to-".into(), "pay".into()], false)
        );
        assert_eq!(wrap("Strategic  planning", 14, 1), (vec!["Strategic pla…".into()], true));
        assert_eq!(wrap("Strategic planning", 1, 1), (vec!["…".into()], true));
    }

    #[test]
    fn rect_geometry() {
        let a = Rect { x: 0.0, y: 0.0, w: 10.0, h: 10.0 };
        let b = Rect { x: 10.0, y: 0.0, w: 5.0, h: 5.0 };
        assert!(a.contains(0.0, 9.9) && !a.contains(10.0, 5.0) && b.contains(10.0, 0.0));
        assert!(!a.overlaps(&b) && a.overlaps(&Rect { x: 9.0, ..b }));
        assert!(Rect { x: 2.0, y: 2.0, w: 8.0, h: 1.0 }.inside(&a) && !b.inside(&a));
        assert_eq!((b.right(), b.bottom(), b.centre()), (15.0, 5.0, (12.5, 2.5)));
    }

    #[test]
    fn empty_roadmap() {
        let l = layout(&Roadmap::default(), &Options::default());
        assert!(l.tiles.is_empty());
        assert_eq!((l.width, l.height), (1200.0, 0.0));
        assert_eq!(hit_test(&l, 10.0, 10.0), None);
        assert_eq!(neighbour(&l, 0, Direction::Right), None);
    }

    #[test]
    fn demo_at_1400() {
        let r = demo_roadmap();
        let l = layout(&r, &Options::for_width(1400.0));
        check(&r, &l).unwrap();
        // 10 L1s: two bands of 5 columns.
        let columns: Vec<&Tile> = l.tiles.iter().filter(|t| t.level == 1).collect();
        assert_eq!(columns.len(), 10);
        assert_eq!(columns.iter().filter(|t| t.rect.y == 0.0).count(), 5);
        assert!(columns.iter().all(|t| t.rect.w >= 170.0));
        assert!(l.tiles.iter().filter(|t| t.level == 1).all(|t| !t.truncated), "L1 names fit");
        println!("demo at 1,400 wide: height {:.0}", l.height);
        assert!(l.height <= 900.0, "{}", l.height);
        // IAM has two L3s in a grid under its header.
        let iam = l.tiles.iter().position(|t| t.id == "cap-grc-iam").unwrap();
        let kids: Vec<&Tile> = l.tiles.iter().filter(|t| t.parent == Some(iam)).collect();
        assert_eq!(kids.len(), 2);
        assert!(kids.iter().all(|k| k.level == 3));
    }

    fn report(name: &str, r: &Roadmap, width: f64) -> Layout {
        let l = layout(r, &Options::for_width(width));
        check(r, &l).unwrap();
        let cut = l.tiles.iter().filter(|t| t.truncated).count();
        println!("{name} at {width} wide: height {:.0}, {} tiles, {cut} names cut", l.height, l.tiles.len());
        l
    }

    #[test]
    fn three_hundred_capabilities_fit_a_1080_screen() {
        // Below the heatmap's controls a 1920 × 1080 screen leaves about 1,876 × 790 px.
        let square = grid(10, 6, 4);
        let l = layout_to_fit(&square, 1876.0, 790.0);
        check(&square, &l).unwrap();
        assert!(l.height <= 790.0, "{}", l.height);
        // The demo keeps the standard type.
        let demo = crate::domain::demo::demo_roadmap();
        let d = layout_to_fit(&demo, 1876.0, 790.0);
        assert_eq!(d, layout(&demo, &Options { fit_height: 790.0, ..Options::for_width(1876.0) }));
    }

    #[test]
    fn three_hundred_capabilities_fit() {
        // 10 L1 × 6 L2 × 4 L3: fits 1,860 × 900 with L3 names on one line.
        let square = grid(10, 6, 4);
        assert_eq!(square.capabilities.len(), 310);
        let wide = report("10 × 6 × 4", &square, 1860.0);
        assert!(wide.height <= 900.0, "{}", wide.height);
        assert!(wide.tiles.iter().all(|t| t.lines.len() == if t.level == 3 { 1 } else { t.lines.len() }));
        let tablet = report("10 × 6 × 4", &square, 1024.0);
        assert!(tablet.height > wide.height);
        assert!(
            tablet.tiles.iter().filter(|t| t.truncated).count() < wide.tiles.iter().filter(|t| t.truncated).count()
        );
        // The generator's 300 capabilities hang under 30 L1s: three bands of ten columns,
        // too tall for 900 even with short names, so names keep their lines.
        let generated = generate(42, 2000);
        assert_eq!(generated.capabilities.len(), 300);
        let wide = report("generated (30 L1s)", &generated, 1860.0);
        // About 1,620 px with the 0.62 character width: three bands scroll on a 1080 screen.
        assert!(wide.height <= 1700.0, "{}", wide.height);
        report("generated (30 L1s)", &generated, 1024.0);
        report("10 × 6 × 4", &square, 375.0);
    }

    #[test]
    fn names_get_shorter_only_to_fit() {
        let r = grid(10, 6, 4);
        let roomy = layout(&r, &Options { fit_height: 5000.0, ..Options::for_width(1860.0) });
        let tight = layout(&r, &Options::for_width(1860.0));
        assert!(roomy.height > 900.0 && tight.height <= 900.0);
        assert!(roomy.tiles.iter().any(|t| t.level == 3 && t.lines.len() > 1));
        assert_eq!(roomy.tiles.len(), tight.tiles.len());
        // Cut names end in "…" and keep as much of the name as fits.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        for t in tight.tiles.iter().filter(|t| t.truncated) {
            let shown = t.lines.concat();
            assert!(shown.ends_with('…') && squeeze(&t.name).starts_with(&squeeze(shown.trim_end_matches('…'))));
            assert!(shown.chars().count() > 8, "as much of the name as fits: {shown}");
        }
    }

    #[test]
    fn broken_trees_are_placed_once() {
        let r = caps(&[
            ("a", Some("b"), "Loop A"),
            ("b", Some("a"), "Loop B"),
            ("orphan", Some("gone"), "Orphan"),
            ("deep", None, "Deep"),
            ("d2", Some("deep"), "Level 2"),
            ("d3", Some("d2"), "Level 3"),
            ("d4", Some("d3"), "Level 4"),
            ("d5", Some("d4"), "Level 5"),
            ("dup", None, ""),
            ("dup", None, "Duplicate"),
        ]);
        let l = layout(&r, &Options::for_width(900.0));
        check(&r, &l).unwrap();
        let level = |id: &str| l.tiles.iter().find(|t| t.id == id).unwrap().level;
        assert_eq!((level("a"), level("b"), level("orphan")), (1, 2, 1));
        assert_eq!((level("d3"), level("d4"), level("d5")), (3, 3, 3));
        let d2 = l.tiles.iter().position(|t| t.id == "d2").unwrap();
        assert!(l.tiles.iter().filter(|t| t.id.starts_with('d') && t.level == 3).all(|t| t.parent == Some(d2)));
        assert!(l.tiles.iter().any(|t| t.id == "dup" && t.lines == ["dup"]));
    }

    #[test]
    fn hit_test_finds_the_deepest_tile() {
        let r = demo_roadmap();
        let l = layout(&r, &Options::for_width(1400.0));
        let depth = |mut i: usize| {
            let mut d = 0;
            while let Some(p) = l.tiles[i].parent {
                (d, i) = (d + 1, p);
            }
            d
        };
        for (i, t) in l.tiles.iter().enumerate() {
            let (x, y) = t.header_centre();
            assert_eq!(hit_test(&l, x, y), Some(i), "header of {}", t.id);
            let (x, y) = t.rect.centre();
            let deepest = (0..l.tiles.len()).filter(|&j| l.tiles[j].rect.contains(x, y)).max_by_key(|&j| depth(j));
            assert_eq!(hit_test(&l, x, y), deepest);
            if !t.has_children {
                assert_eq!(hit_test(&l, x, y), Some(i));
            }
        }
        assert_eq!(hit_test(&l, -1.0, 5.0), None);
        assert_eq!(hit_test(&l, 5.0, l.height + 1.0), None);
        assert_eq!(hit_test(&l, l.width + 1.0, 5.0), None);
        let first = &l.tiles[0].rect;
        assert_eq!(hit_test(&l, first.right() + 3.0, 5.0), None, "the gap between columns");
    }

    #[test]
    fn arrow_keys_move_sensibly() {
        let r = demo_roadmap();
        let l = layout(&r, &Options::for_width(1400.0));
        let columns: Vec<usize> = (0..l.tiles.len()).filter(|&i| l.tiles[i].level == 1).collect();
        let column_of = |mut i: usize| {
            while let Some(p) = l.tiles[i].parent {
                i = p;
            }
            i
        };
        for (k, &c) in columns.iter().enumerate() {
            let next = columns.get(k + 1).filter(|&&n| l.tiles[n].rect.y == l.tiles[c].rect.y);
            // Right from a column, or from any tile in it, goes to the next column.
            assert_eq!(neighbour(&l, c, Direction::Right), next.copied(), "{}", l.tiles[c].id);
            if k > 0 && l.tiles[columns[k - 1]].rect.y == l.tiles[c].rect.y {
                assert_eq!(neighbour(&l, c, Direction::Left), Some(columns[k - 1]));
            }
            let blocks: Vec<usize> = (0..l.tiles.len()).filter(|&i| l.tiles[i].parent == Some(c)).collect();
            for (b, &block) in blocks.iter().enumerate() {
                let right = neighbour(&l, block, Direction::Right);
                assert_eq!(right.map(column_of), next.copied(), "{}", l.tiles[block].id);
                if let Some(&below) = blocks.get(b + 1) {
                    // Down within a column goes to the next block, and Up back.
                    assert_eq!(neighbour(&l, block, Direction::Down), Some(below));
                    assert_eq!(neighbour(&l, below, Direction::Up), Some(block));
                }
            }
        }
        // The first band's columns go Down into the second band; the last band's nowhere.
        assert_eq!(l.tiles[neighbour(&l, columns[0], Direction::Down).unwrap()].level, 1);
        assert_eq!(neighbour(&l, columns[9], Direction::Down), None);
        assert_eq!(neighbour(&l, columns[0], Direction::Left), None);
        assert_eq!(neighbour(&l, columns[0], Direction::Up), None);
        // L3 tiles side by side: Right goes to the sibling.
        let iam = l.tiles.iter().position(|t| t.id == "cap-grc-iam").unwrap();
        let kids: Vec<usize> = (0..l.tiles.len()).filter(|&i| l.tiles[i].parent == Some(iam)).collect();
        if l.tiles[kids[0]].rect.y == l.tiles[kids[1]].rect.y {
            assert_eq!(neighbour(&l, kids[0], Direction::Right), Some(kids[1]));
            assert_eq!(neighbour(&l, kids[1], Direction::Left), Some(kids[0]));
        } else {
            assert_eq!(neighbour(&l, kids[0], Direction::Down), Some(kids[1]));
        }
        assert_eq!(neighbour(&l, 999, Direction::Down), None);
    }

    /// A random capability forest, parents picked among earlier ones, some missing,
    /// some later (loops).
    fn random_tree(seed: u64, n: usize) -> Roadmap {
        let mut s = seed;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 33) as usize
        };
        let words = ["Service", "desk", "Identity & access", "Cloud", "platform", "Data", "governance", "X"];
        let list: Vec<(String, Option<String>, String)> = (0..n)
            .map(|i| {
                let parent = match next() % 10 {
                    0..=2 => None,
                    3 => Some("missing".to_string()),
                    4 => Some(format!("c{}", next() % n)),
                    _ if i > 0 => Some(format!("c{}", next() % i)),
                    _ => None,
                };
                let name: Vec<&str> = (0..1 + next() % 6).map(|_| words[next() % words.len()]).collect();
                (format!("c{i}"), parent, name.join(" "))
            })
            .collect();
        let refs: Vec<(&str, Option<&str>, &str)> =
            list.iter().map(|(i, p, n)| (i.as_str(), p.as_deref(), n.as_str())).collect();
        caps(&refs)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn generated_maps_lay_out_cleanly(seed in 0u64..10_000, size in 0usize..1200, width in 300.0f64..2400.0) {
            let r = generate(seed, size);
            let l = layout(&r, &Options::for_width(width.round()));
            prop_assert!(check(&r, &l).is_ok(), "{:?}", check(&r, &l));
            prop_assert_eq!(&l, &layout(&r, &Options::for_width(width.round())));
        }

        #[test]
        fn broken_maps_lay_out_cleanly(seed in 0u64..10_000, n in 0usize..120, width in 150.0f64..2000.0) {
            let r = random_tree(seed, n);
            let l = layout(&r, &Options::for_width(width));
            prop_assert!(check(&r, &l).is_ok(), "{:?}", check(&r, &l));
            for i in 0..l.tiles.len() {
                let (x, y) = l.tiles[i].header_centre();
                prop_assert_eq!(hit_test(&l, x, y), Some(i));
                for dir in [Direction::Left, Direction::Right, Direction::Up, Direction::Down] {
                    if let Some(j) = neighbour(&l, i, dir) {
                        let (a, b) = (l.tiles[i].rect, l.tiles[j].rect);
                        let beyond = match dir {
                            Direction::Right => b.x >= a.right() - EPS,
                            Direction::Left => b.right() <= a.x + EPS,
                            Direction::Down => b.y >= a.bottom() - EPS,
                            Direction::Up => b.bottom() <= a.y + EPS,
                        };
                        prop_assert!(beyond && j != i);
                    }
                }
            }
        }
    }

    #[test]
    fn sizes_by_level() {
        let r = demo_roadmap();
        let l = layout(&r, &Options::default());
        let fonts: std::collections::HashMap<u8, f64> = l.tiles.iter().map(|t| (t.level, t.font_size)).collect();
        assert_eq!((fonts[&1], fonts[&2], fonts[&3]), (15.0, 13.0, 12.0));
        for t in &l.tiles {
            // The value sits on the last name line or the line below, inside the header.
            assert!(t.value_at.0 <= t.header.right() && t.value_at.1 + t.line_height <= t.header.bottom() + EPS);
            assert!(t.value_at.1 >= t.text_at.1 + (t.lines.len() - 1) as f64 * t.line_height - EPS);
        }
    }
}
