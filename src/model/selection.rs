//! What the user has selected and what the pointer is over, shared by every view so they
//! highlight the same thing in the same frame.
//!
//! Hover is double-buffered: views read the hover of the previous frame (complete, whichever
//! view set it) and write this frame's, which becomes visible at the frame's end.

use super::{DocId, EventId};

/// Selection and hover state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected event; its document is shown in the document viewer.
    pub event: Option<EventId>,
    /// The document shown in the viewer (follows the selected event, or picked directly).
    pub document: Option<DocId>,
    hovered: Option<EventId>,
    hovered_next: Option<EventId>,
    serial: u64,
}

impl Selection {
    /// Selects an event (or nothing). Views compare [`Selection::serial`] to tell a new
    /// selection from the same one whose id changed in a rebuild.
    pub fn select(&mut self, event: Option<EventId>) {
        self.event = event;
        self.serial += 1;
    }

    /// Counts selections made; unchanged when only event ids were renumbered.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The event the pointer was over last frame, in any view.
    pub fn hovered(&self) -> Option<EventId> {
        self.hovered
    }

    /// Marks an event as hovered this frame.
    pub fn set_hovered(&mut self, event: EventId) {
        self.hovered_next = Some(event);
    }

    /// Publishes this frame's hover; called once at the end of each frame.
    pub fn end_frame(&mut self) {
        self.hovered = self.hovered_next.take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_becomes_visible_after_the_frame_ends() {
        let mut selection = Selection::default();
        selection.set_hovered(EventId(3));
        assert_eq!(selection.hovered(), None);
        selection.end_frame();
        assert_eq!(selection.hovered(), Some(EventId(3)));
        selection.end_frame();
        assert_eq!(selection.hovered(), None);
    }
}
