"""Every key binding of the review app, as Binding objects with ids (so a keymap can remap them),
grouped for the help screen. The command palette lists the same actions."""

from __future__ import annotations

from textual.binding import Binding

NAVIGATION = "Moving between differences"
SCROLLING = "Scrolling"
VIEW = "View"
SEARCH = "Search"
REVIEW = "Review"
TIMELINE = "Many versions (diptych V1 V2 V3…, a folder, --git-history)"
GENERAL = "General"

# (section, binding): the order here is the order of the help screen.
BINDINGS_BY_SECTION: list[tuple[str, Binding]] = [
    (NAVIGATION, Binding("n,right_square_bracket", "next_diff", "Next difference", key_display="n ]",
                         id="diptych.next_diff")),
    (NAVIGATION, Binding("p,left_square_bracket", "prev_diff", "Previous difference", key_display="p [",
                         id="diptych.prev_diff")),
    (NAVIGATION, Binding("enter", "toggle_runs", "Runs of one-sided passages: one stop, or a stop each",
                         key_display="Enter", id="diptych.runs")),
    (NAVIGATION, Binding("m", "jump_moved", "Moved passage or sentence (↪ ↩): jump to its other end and back",
                         id="diptych.jump_moved")),
    (NAVIGATION, Binding("colon", "goto", "Go to a difference by number (7) or a line (l12 left, r12 right)",
                         key_display=":", id="diptych.goto")),
    (SCROLLING, Binding("j,down", "scroll_lines(1)", "Scroll down one row", key_display="j ↓",
                        id="diptych.scroll_down")),
    (SCROLLING, Binding("k,up", "scroll_lines(-1)", "Scroll up one row", key_display="k ↑",
                        id="diptych.scroll_up")),
    (SCROLLING, Binding("pagedown,space", "scroll_pages(1)", "Page down", key_display="PgDn space",
                        id="diptych.page_down")),
    (SCROLLING, Binding("pageup", "scroll_pages(-1)", "Page up", key_display="PgUp",
                        id="diptych.page_up")),
    (SCROLLING, Binding("g,home", "scroll_edge(0)", "Go to the top", key_display="g Home",
                        id="diptych.top")),
    (SCROLLING, Binding("G,end", "scroll_edge(1)", "Go to the bottom", key_display="G End",
                        id="diptych.bottom")),
    (VIEW, Binding("f", "toggle_fold", "Show only differences (fold equal passages) / show all",
                   id="diptych.fold")),
    (VIEW, Binding("s", "toggle_unit", "Units: paragraphs ↔ sentences (re-aligns)", id="diptych.unit")),
    (VIEW, Binding("t", "threshold(0.05)", "Raise the similarity threshold by 0.05 (re-aligns)",
                   id="diptych.threshold_up")),
    (VIEW, Binding("T", "threshold(-0.05)", "Lower the similarity threshold by 0.05 (re-aligns)",
                   id="diptych.threshold_down")),
    (VIEW, Binding("v", "toggle_view", "Side by side ↔ stacked", id="diptych.view")),
    (SEARCH, Binding("slash", "search", "Search both documents (case, quotes, dashes folded; =text: exact)",
                     key_display="/", id="diptych.search")),
    (SEARCH, Binding("N", "prev_match",
                     "Previous match while searching (n: next); otherwise previous difference",
                     id="diptych.prev_match")),
    (SEARCH, Binding("escape", "end_search", "End the search (n and p step through differences again)",
                     key_display="Esc", id="diptych.end_search")),
    (REVIEW, Binding("r", "review", "Mark the current difference reviewed / not reviewed",
                     id="diptych.review")),
    (REVIEW, Binding("R", "review_next", "Mark it reviewed and go to the next unreviewed difference",
                     id="diptych.review_next")),
    (REVIEW, Binding("x", "flag", "Flag the current difference / remove the flag", id="diptych.flag")),
    (REVIEW, Binding("c", "note", "Write or edit the note of the current difference",
                     id="diptych.note")),
    (REVIEW, Binding("C", "correct", "Correct the pairing: unpair, pair with…, moved / not moved, undo",
                     id="diptych.correct")),
    (REVIEW, Binding("u", "next_unreviewed", "Next unreviewed difference", id="diptych.next_unreviewed")),
    (REVIEW, Binding("U", "prev_unreviewed", "Previous unreviewed difference",
                     id="diptych.prev_unreviewed")),
    (REVIEW, Binding("y", "copy(1)", "Copy the selected passage, newer version (terminal clipboard: OSC 52)",
                     id="diptych.copy_right")),
    (REVIEW, Binding("Y", "copy(0)", "Copy the selected passage, older version", id="diptych.copy_left")),
    (REVIEW, Binding("e", "export", "Export the review report or a redline (Word, HTML, Markdown)",
                     id="diptych.export")),
    # Only a timeline of three versions or more has these (tui/app/timeline_app.py).
    (TIMELINE, Binding("full_stop,greater_than_sign", "next_step", "Next step: the next two versions",
                       key_display=". >", id="diptych.next_step")),
    (TIMELINE, Binding("comma,less_than_sign", "prev_step", "Previous step: the two versions before",
                       key_display=", <", id="diptych.prev_step")),
    (TIMELINE, Binding("V", "pick_versions", "Choose the two versions to compare",
                       id="diptych.pick_versions")),
    (TIMELINE, Binding("a", "first_last", "Compare the first version with the last (again: back)",
                       id="diptych.first_last")),
    (TIMELINE, Binding("h", "passage_history", "History of the selected passage through the versions",
                       id="diptych.passage_history")),
    (TIMELINE, Binding("b", "blame", "Blame: the version that introduced each passage of the newest, "
                       "and of its last change", id="diptych.blame")),
    (GENERAL, Binding("ctrl+r", "reload", "Reload a document that changed on disk (re-aligns)",
                      id="diptych.reload")),
    (GENERAL, Binding("question_mark,f1", "help", "This help", key_display="? F1", id="diptych.help")),
    # Priority: from any screen, as in any terminal program (in the note editor too, whose
    # TextArea would take ctrl+z for undo; the note is still there after fg).
    (GENERAL, Binding("ctrl+z", "suspend_process", "Suspend to the shell (fg resumes)",
                      id="diptych.suspend", priority=True)),
    (GENERAL, Binding("q,ctrl+q", "quit", "Quit", key_display="q ctrl+q", id="diptych.quit")),
]

APP_BINDINGS: list[Binding] = [b for section, b in BINDINGS_BY_SECTION if section != TIMELINE]
TIMELINE_BINDINGS: list[Binding] = [b for section, b in BINDINGS_BY_SECTION if section == TIMELINE]
