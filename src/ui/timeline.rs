//! The timeline: one lane per document, events at their dates, bars for month- or
//! year-precise dates, hollow marks for dates the text does not pin down.
//!
//! Drawing is a custom plot item that culls to the visible range with a binary search over
//! each lane's time-sorted events, and past [`DRAW_BUDGET`] visible events draws a density
//! strip (one bucket per pixel column) instead, so 100,000 events stay cheap. Hover and
//! click use the same index; egui_plot only provides the axes, zoom and pan.

use std::ops::RangeInclusive;

use egui::{Color32, Pos2, Rect, Shape, Stroke, Ui};
use egui_plot::{
    GridInput, GridMark, Plot, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotTransform, Span,
};
use jiff::civil::Date;

use crate::command::Command;
use crate::model::calendar::{date_from_day_number, day_number};
use crate::model::{DocId, EventId};

use super::{ViewModel, document_color, event_date_label, event_dates_ui, one_line};

/// Above this many visible events, lanes are drawn as density strips.
const DRAW_BUDGET: usize = 20_000;
/// How close (in points) the pointer must be to an event to hover it.
const HOVER_RADIUS: f32 = 6.0;

/// Timeline widget state: the lane index (rebuilt when the filtered view changes), the
/// brush being dragged and pending view requests.
#[derive(Default)]
pub struct TimelineState {
    lanes: Vec<Lane>,
    lanes_generation: u64,
    brush_start_day: Option<f64>,
    fit_requested: bool,
    /// The selection the timeline last brought into view, so it pans only when the
    /// selection changes.
    revealed: u64,
}

/// One document's dated events, sorted by start.
struct Lane {
    document: DocId,
    name: String,
    events: Vec<LaneEvent>,
    /// Longest event, in days: how far back a binary search must look for events that
    /// started before the visible range but reach into it.
    longest_days: f64,
}

#[derive(Clone, Copy)]
struct LaneEvent {
    /// Day number of the first day.
    start: f64,
    /// Day number after the last day (a one-day event spans one unit).
    end: f64,
    id: EventId,
    uncertain: bool,
}

impl LaneEvent {
    fn is_range(&self) -> bool {
        self.end - self.start > 1.0
    }
}

fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

fn rebuild_lanes(model: &ViewModel<'_>, state: &mut TimelineState) {
    if state.lanes_generation == model.view.generation() && !state.lanes.is_empty() {
        return;
    }
    state.lanes_generation = model.view.generation();
    let mut by_document: Vec<Vec<LaneEvent>> = vec![Vec::new(); model.corpus.documents().len()];
    for &id in model.view.dated_events() {
        let event = model.corpus.event(id);
        if let Some(span) = event.span {
            by_document[event.document.0 as usize].push(LaneEvent {
                start: f64::from(span.first_day),
                end: f64::from(span.last_day) + 1.0,
                id,
                uncertain: span.uncertain,
            });
        }
    }
    state.lanes = by_document
        .into_iter()
        .enumerate()
        .filter(|(_, events)| !events.is_empty())
        .map(|(index, mut events)| {
            events.sort_by(|a, b| a.start.total_cmp(&b.start));
            let longest_days = events.iter().map(|e| e.end - e.start).fold(1.0, f64::max);
            let document = DocId(index as u32);
            Lane { document, name: model.corpus.document(document).name.clone(), events, longest_days }
        })
        .collect();
}

/// Visible events of a lane: those overlapping `[min_day, max_day]`.
fn visible(lane: &Lane, min_day: f64, max_day: f64) -> impl Iterator<Item = &LaneEvent> {
    let first = lane.events.partition_point(|e| e.start < min_day - lane.longest_days);
    lane.events[first..].iter().take_while(move |e| e.start <= max_day).filter(move |e| e.end >= min_day)
}

/// The plot item that draws every lane.
struct EventMarks<'a> {
    base: PlotItemBase,
    lanes: &'a [Lane],
    selected: Option<EventId>,
    hovered: Option<EventId>,
    bounds: PlotBounds,
}

impl PlotItem for EventMarks<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let bounds = transform.bounds();
        let (min_day, max_day) = (bounds.min()[0], bounds.max()[0]);
        let visible_count: usize =
            self.lanes.iter().map(|lane| visible(lane, min_day, max_day).count()).sum();
        let outline = ui.visuals().strong_text_color();
        for (index, lane) in self.lanes.iter().enumerate() {
            let color = document_color(lane.document);
            let y = transform.position_from_point_y(lane_y(index));
            if visible_count > DRAW_BUDGET {
                density_strip(lane, transform, y, color, shapes);
                continue;
            }
            for event in visible(lane, min_day, max_day) {
                event_shape(event, transform, y, color, shapes);
            }
        }
        for (id, radius) in [(self.hovered, 7.0), (self.selected, 8.0)] {
            let found = id.and_then(|id| {
                self.lanes
                    .iter()
                    .enumerate()
                    .find_map(|(index, lane)| lane.events.iter().find(|e| e.id == id).map(|e| (index, e)))
            });
            if let Some((index, event)) = found {
                let y = transform.position_from_point_y(lane_y(index));
                let x0 = transform.position_from_point_x(event.start);
                let x1 = transform.position_from_point_x(event.end);
                // At least a circle's width, so a one-day event gets a ring around its dot.
                let center_x = (x0 + x1) / 2.0;
                let half_width = ((x1 - x0) / 2.0).max(radius);
                let rect = Rect::from_min_max(
                    Pos2::new(center_x - half_width, y - radius),
                    Pos2::new(center_x + half_width, y + radius),
                );
                shapes.push(Shape::rect_stroke(
                    rect,
                    radius,
                    Stroke::new(2.0, outline),
                    egui::StrokeKind::Outside,
                ));
            }
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::GRAY
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        self.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

fn event_shape(
    event: &LaneEvent,
    transform: &PlotTransform,
    y: f32,
    color: Color32,
    shapes: &mut Vec<Shape>,
) {
    let x0 = transform.position_from_point_x(event.start);
    let x1 = transform.position_from_point_x(event.end);
    if event.is_range() && x1 - x0 > 6.0 {
        let rect = Rect::from_min_max(Pos2::new(x0, y - 5.0), Pos2::new(x1, y + 5.0));
        let fill = if event.uncertain { Color32::TRANSPARENT } else { color.gamma_multiply(0.35) };
        shapes.push(Shape::rect_filled(rect, 3.0, fill));
        shapes.push(Shape::rect_stroke(rect, 3.0, Stroke::new(1.5, color), egui::StrokeKind::Inside));
    } else {
        let center = Pos2::new((x0 + x1) / 2.0, y);
        if event.uncertain {
            shapes.push(Shape::circle_stroke(center, 4.5, Stroke::new(1.5, color)));
        } else {
            shapes.push(Shape::circle_filled(center, 4.5, color));
        }
    }
}

/// One bucket per pixel column; opacity grows with the number of events in it.
fn density_strip(lane: &Lane, transform: &PlotTransform, y: f32, color: Color32, shapes: &mut Vec<Shape>) {
    let frame = transform.frame();
    let columns = frame.width().max(1.0) as usize;
    let mut counts = vec![0u32; columns];
    let bounds = transform.bounds();
    for event in visible(lane, bounds.min()[0], bounds.max()[0]) {
        let x0 = transform.position_from_point_x(event.start) - frame.left();
        let x1 = transform.position_from_point_x(event.end) - frame.left();
        let first = (x0.max(0.0) as usize).min(columns - 1);
        let last = (x1.max(0.0) as usize).min(columns - 1);
        for count in &mut counts[first..=last] {
            *count += 1;
        }
    }
    let peak = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    for (column, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let strength = 0.25 + 0.75 * ((count as f32).ln_1p() / peak.ln_1p());
        let x = frame.left() + column as f32;
        let rect = Rect::from_min_max(Pos2::new(x, y - 6.0), Pos2::new(x + 1.0, y + 6.0));
        shapes.push(Shape::rect_filled(rect, 0.0, color.gamma_multiply(strength)));
    }
}

/// The event under `pointer`, if any.
fn event_at(lanes: &[Lane], transform: &PlotTransform, pointer: Pos2) -> Option<EventId> {
    let value = transform.value_from_position(pointer);
    let lane_index = (-value.y).round();
    if lane_index < 0.0 {
        return None;
    }
    let lane = lanes.get(lane_index as usize)?;
    let y = transform.position_from_point_y(lane_y(lane_index as usize));
    if (pointer.y - y).abs() > HOVER_RADIUS + 2.0 {
        return None;
    }
    let slack_days = f64::from(HOVER_RADIUS) / transform.dpos_dvalue_x().abs();
    visible(lane, value.x - slack_days, value.x + slack_days)
        .map(|event| {
            let x0 = transform.position_from_point_x(event.start);
            let x1 = transform.position_from_point_x(event.end);
            let distance = if event.is_range() && x1 - x0 > 6.0 {
                if (x0..=x1).contains(&pointer.x) {
                    0.0
                } else {
                    (pointer.x - x0).abs().min((pointer.x - x1).abs())
                }
            } else {
                (pointer.x - (x0 + x1) / 2.0).abs()
            };
            (distance, event.id)
        })
        .filter(|(distance, _)| *distance <= HOVER_RADIUS)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// The timeline panel: toolbar, plot and the undated list.
pub fn timeline_ui(
    ui: &mut Ui,
    model: &ViewModel<'_>,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) {
    rebuild_lanes(model, state);
    ui.horizontal(|ui| {
        ui.strong("Timeline");
        if ui.button("Fit all").on_hover_text("Show every event (F)").clicked() {
            state.fit_requested = true;
        }
        undated_menu_ui(ui, model, commands);
        marker_legend_ui(ui);
    });
    let lanes = &state.lanes;
    let data_bounds = data_bounds(lanes);
    let shift_held = ui.input(|i| i.modifiers.shift);
    let lane_names: Vec<String> = lanes.iter().map(|lane| lane.name.clone()).collect();
    let lane_count = lanes.len().max(1) as f64;
    let plot = Plot::new("timeline_plot")
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_drag([!shift_held, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(true)
        .show_x(false)
        .show_y(false)
        .x_grid_spacer(calendar_grid_marks)
        .x_axis_formatter(|mark, _range| calendar_mark_label(mark))
        .y_grid_spacer(move |input| lane_grid_marks(input, lane_count))
        .y_axis_formatter(move |mark, _range| lane_label(&lane_names, mark.value))
        .y_axis_min_width(110.0)
        .include_x(data_bounds.min()[0])
        .include_x(data_bounds.max()[0]);
    let selected = model.selection.event;
    let hovered_before = model.selection.hovered();
    let brush_start = state.brush_start_day;
    let fit = std::mem::take(&mut state.fit_requested)
        || ui.input(|i| i.key_pressed(egui::Key::F) && !i.modifiers.any())
            && ui.ui_contains_pointer()
            && !ui.ctx().egui_wants_keyboard_input();
    let filter_range = model.filter.day_range;
    // An event selected in another view is brought into view here.
    let serial = model.selection.serial();
    let reveal = (serial != state.revealed).then_some(selected).flatten().and_then(|id| {
        let span = model.corpus.event(id).span?;
        Some((f64::from(span.first_day), f64::from(span.last_day) + 1.0))
    });
    state.revealed = serial;
    let output = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_y(-(lane_count - 0.5)..=0.5);
        if fit {
            let margin = (data_bounds.width() * 0.03).max(15.0);
            plot_ui.set_plot_bounds_x(data_bounds.min()[0] - margin..=data_bounds.max()[0] + margin);
        } else if let Some((start, end)) = reveal {
            let bounds = plot_ui.plot_bounds();
            if end < bounds.min()[0] || start > bounds.max()[0] {
                let half_width = bounds.width().max(end - start) / 2.0;
                let center = (start + end) / 2.0;
                plot_ui.set_plot_bounds_x(center - half_width..=center + half_width);
            }
        }
        keyboard_navigation(plot_ui);
        if let Some((first, last)) = filter_range {
            let bounds = plot_ui.plot_bounds();
            let first = f64::from(first).max(bounds.min()[0] - 1e6);
            let last = (f64::from(last) + 1.0).min(bounds.max()[0] + 1e6);
            plot_ui.span(
                Span::new("date range", first..=last)
                    .fill(Color32::from_rgba_unmultiplied(120, 160, 255, 30)),
            );
        }
        let pointer_day = plot_ui.pointer_coordinate().map(|p| p.x);
        if let (Some(start), Some(now)) = (brush_start, pointer_day) {
            plot_ui.span(
                Span::new("brush", start.min(now)..=start.max(now))
                    .fill(Color32::from_rgba_unmultiplied(255, 200, 60, 50)),
            );
        }
        plot_ui.add(EventMarks {
            base: PlotItemBase::new("events".to_owned()),
            lanes,
            selected,
            hovered: hovered_before,
            bounds: data_bounds,
        });
        let transform = *plot_ui.transform();
        let pointer = plot_ui.response().hover_pos();
        (pointer.and_then(|p| event_at(lanes, &transform, p)), pointer_day)
    });
    let (hovered, pointer_day) = output.inner;
    let response = output.response;

    if shift_held && response.drag_started() {
        state.brush_start_day = pointer_day;
    }
    if let Some(start) = state.brush_start_day
        && !response.dragged()
    {
        state.brush_start_day = None;
        if let Some(end) = pointer_day
            && (end - start).abs() >= 1.0
        {
            let mut filter = model.filter.clone();
            filter.day_range = Some((start.min(end).floor() as i32, start.max(end).floor() as i32));
            commands.push(Command::SetFilter(filter));
        }
    }

    if let Some(id) = hovered {
        commands.push(Command::Hover(id));
        response.clone().on_hover_ui_at_pointer(|ui| event_tooltip_ui(ui, model, id));
    }
    if response.clicked() && !shift_held {
        commands.push(Command::SelectEvent(hovered));
    }
}

fn keyboard_navigation(plot_ui: &mut egui_plot::PlotUi<'_>) {
    if !plot_ui.response().hovered() || plot_ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let (left, right, zoom_in, zoom_out) = plot_ui.ctx().input(|i| {
        (
            i.key_pressed(egui::Key::ArrowLeft),
            i.key_pressed(egui::Key::ArrowRight),
            i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
            i.key_pressed(egui::Key::Minus),
        )
    });
    let width = plot_ui.plot_bounds().width();
    let bounds = plot_ui.plot_bounds();
    let pan = if left {
        -0.1
    } else if right {
        0.1
    } else {
        0.0
    };
    let zoom = if zoom_in {
        0.8
    } else if zoom_out {
        1.25
    } else {
        1.0
    };
    if pan != 0.0 || zoom != 1.0 {
        let center = (bounds.min()[0] + bounds.max()[0]) / 2.0 + pan * width;
        let half = width * zoom / 2.0;
        plot_ui.set_plot_bounds_x(center - half..=center + half);
    }
}

fn data_bounds(lanes: &[Lane]) -> PlotBounds {
    let (min, max) = lanes
        .iter()
        .flat_map(|lane| lane.events.iter())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(min, max), e| (min.min(e.start), max.max(e.end)));
    if min.is_finite() {
        PlotBounds::from_min_max([min, -(lanes.len() as f64)], [max, 0.5])
    } else {
        let today = f64::from(day_number(Date::constant(2000, 1, 1)));
        PlotBounds::from_min_max([today - 365.0, -1.0], [today + 365.0, 0.5])
    }
}

fn lane_grid_marks(input: GridInput, lane_count: f64) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    (0..lane_count as usize)
        .map(lane_y)
        .filter(|y| (low..=high).contains(y))
        .map(|value| GridMark { value, step_size: 1.0 })
        .collect()
}

fn lane_label(names: &[String], value: f64) -> String {
    let index = (-value).round();
    if (value + index).abs() > 1e-6 || index < 0.0 {
        return String::new();
    }
    names.get(index as usize).map_or_else(String::new, |name| {
        if name.chars().count() > 16 {
            format!("{}…", name.chars().take(15).collect::<String>())
        } else {
            name.clone()
        }
    })
}

/// Calendar steps the x axis can use, in approximate days (for choosing) and how to
/// enumerate them.
#[derive(Clone, Copy)]
enum CalendarStep {
    Days(i32),
    Months(i8),
    Years(i16),
}

impl CalendarStep {
    fn approx_days(self) -> f64 {
        match self {
            Self::Days(n) => f64::from(n),
            Self::Months(n) => f64::from(n) * 30.44,
            Self::Years(n) => f64::from(n) * 365.25,
        }
    }
}

const STEPS: [CalendarStep; 17] = [
    CalendarStep::Days(1),
    CalendarStep::Days(2),
    CalendarStep::Days(7),
    CalendarStep::Days(14),
    CalendarStep::Months(1),
    CalendarStep::Months(3),
    CalendarStep::Months(6),
    CalendarStep::Years(1),
    CalendarStep::Years(2),
    CalendarStep::Years(5),
    CalendarStep::Years(10),
    CalendarStep::Years(25),
    CalendarStep::Years(50),
    CalendarStep::Years(100),
    CalendarStep::Years(250),
    CalendarStep::Years(500),
    CalendarStep::Years(1000),
];

/// Grid marks on calendar boundaries (days, month starts, year starts), about one per
/// 90 points, so labels never overlap.
fn calendar_grid_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let days_per_point = input.base_step_size / 8.0;
    let min_step_days = (days_per_point * 90.0).max(1.0);
    let step =
        STEPS.iter().copied().find(|s| s.approx_days() >= min_step_days).unwrap_or(CalendarStep::Years(1000));
    let step_size = step.approx_days();
    // jiff's calendar spans the years -9999 to 9999.
    let low_day = low.max(-4_300_000.0).floor() as i32;
    let high_day = high.min(2_900_000.0).ceil() as i32;
    if high_day <= low_day {
        return Vec::new();
    }
    let start = date_from_day_number(low_day);
    let mut marks = Vec::new();
    let mut push = |date: Date| {
        let value = f64::from(day_number(date));
        if (low..=high).contains(&value) {
            marks.push(GridMark { value, step_size });
        }
    };
    match step {
        CalendarStep::Days(n) => {
            let first = low_day - low_day.rem_euclid(n);
            for day in (first..=high_day).step_by(n as usize) {
                push(date_from_day_number(day));
            }
        }
        CalendarStep::Months(n) => {
            let mut month_index = i32::from(start.year()) * 12 + i32::from(start.month() - 1);
            month_index -= month_index.rem_euclid(i32::from(n));
            while let Ok(date) =
                Date::new(month_index.div_euclid(12) as i16, (month_index.rem_euclid(12) + 1) as i8, 1)
            {
                if day_number(date) > high_day {
                    break;
                }
                push(date);
                month_index += i32::from(n);
            }
        }
        CalendarStep::Years(n) => {
            // Counted as historians count, with no year 0, so marks fall on 500 BC, 250 BC,
            // AD 250 rather than on 501 BC and 1 BC.
            let historical = |year: i16| if year <= 0 { year - 1 } else { year };
            let astronomical = |year: i16| if year < 0 { year + 1 } else { year };
            let first = historical(start.year());
            let mut year = first - first.rem_euclid(n);
            while let Ok(date) = Date::new(astronomical(year), 1, 1) {
                if day_number(date) > high_day {
                    break;
                }
                if year != 0 {
                    push(date);
                }
                year = year.saturating_add(n);
            }
        }
    }
    marks
}

fn calendar_mark_label(mark: GridMark) -> String {
    let date = date_from_day_number(mark.value.round() as i32);
    if mark.step_size >= 360.0 {
        super::year_label(date.year())
    } else if mark.step_size >= 28.0 {
        super::month_label(date)
    } else {
        super::day_label(date)
    }
}

fn undated_menu_ui(ui: &mut Ui, model: &ViewModel<'_>, commands: &mut Vec<Command>) {
    let undated = model.view.undated_events();
    ui.menu_button(format!("Undated ({})", undated.len()), |ui| {
        ui.set_max_width(520.0);
        if undated.is_empty() {
            ui.weak(if model.filter.show_undated {
                "Every event has a date."
            } else {
                "Undated events are hidden by the filter."
            });
        }
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for &id in undated {
                let sentence = model.corpus.sentence(id);
                let text = one_line(sentence);
                if ui.selectable_label(model.selection.event == Some(id), text).clicked() {
                    commands.push(Command::SelectEvent(Some(id)));
                }
            }
        });
    });
}

fn event_tooltip_ui(ui: &mut Ui, model: &ViewModel<'_>, id: EventId) {
    ui.set_max_width(420.0);
    let event = model.corpus.event(id);
    ui.strong(event_date_label(model.corpus, id));
    ui.label(one_line(model.corpus.sentence(id)));
    ui.separator();
    event_dates_ui(ui, model.corpus, event);
}

/// The marks the timeline uses, drawn with the same shapes.
fn marker_legend_ui(ui: &mut Ui) {
    let color = ui.visuals().text_color();
    let samples = [
        (LaneEvent { start: 0.0, end: 1.0, id: EventId(0), uncertain: false }, "day"),
        (LaneEvent { start: 0.0, end: 3.0, id: EventId(0), uncertain: false }, "period"),
        (LaneEvent { start: 0.0, end: 1.0, id: EventId(0), uncertain: true }, "uncertain"),
    ];
    for (event, label) in samples {
        let width = if event.is_range() { 22.0 } else { 10.0 };
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 12.0), egui::Sense::hover());
        let transform =
            PlotTransform::new(rect, PlotBounds::from_min_max([event.start, -1.0], [event.end, 1.0]), false);
        let mut shapes = Vec::new();
        event_shape(&event, &transform, rect.center().y, color, &mut shapes);
        ui.painter().extend(shapes);
        ui.weak(label);
    }
    ui.weak("· shift-drag: date range");
}
