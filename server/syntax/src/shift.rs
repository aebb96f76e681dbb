//! Moving lowered model values by a byte delta: an instruction that an edit left alone is reused
//! by the next version, its spans moved by the length the edit added or removed before it.
//! Destructuring is exhaustive so that a new positioned field cannot be forgotten here.

use crate::instruction::StageHead;
use crate::model::*;

pub(crate) trait Shift {
    fn shift(&mut self, delta: isize);
}

impl Shift for Span {
    fn shift(&mut self, delta: isize) {
        self.start = self.start.wrapping_add_signed(delta);
        self.end = self.end.wrapping_add_signed(delta);
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, delta: isize) {
        if let Some(value) = self {
            value.shift(delta);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, delta: isize) {
        for value in self {
            value.shift(delta);
        }
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift(&mut self, delta: isize) {
        (**self).shift(delta);
    }
}

impl Shift for (String, Span) {
    fn shift(&mut self, delta: isize) {
        self.1.shift(delta);
    }
}

impl Shift for Instruction {
    fn shift(&mut self, delta: isize) {
        let Instruction {
            kind: _,
            keyword: _,
            keyword_span,
            span,
            flags,
            args,
            heredocs,
            trigger,
            healthcheck_kind,
            empty_continuation_lines,
        } = self;
        keyword_span.shift(delta);
        span.shift(delta);
        flags.shift(delta);
        args.shift(delta);
        heredocs.shift(delta);
        trigger.shift(delta);
        healthcheck_kind.shift(delta);
        empty_continuation_lines.shift(delta);
    }
}

impl Shift for Flag {
    fn shift(&mut self, delta: isize) {
        let Flag {
            span,
            name: _,
            name_span,
            value,
        } = self;
        span.shift(delta);
        name_span.shift(delta);
        value.shift(delta);
    }
}

impl Shift for Arguments {
    fn shift(&mut self, delta: isize) {
        match self {
            Arguments::None => {}
            Arguments::Exec(exec) => exec.shift(delta),
            Arguments::Shell(shell) => shell.shift(delta),
            Arguments::Words(words) => words.shift(delta),
            Arguments::Pairs(pairs) => pairs.shift(delta),
        }
    }
}

impl Shift for ExecForm {
    fn shift(&mut self, delta: isize) {
        let ExecForm { span, elements } = self;
        span.shift(delta);
        elements.shift(delta);
    }
}

impl Shift for JsonString {
    fn shift(&mut self, delta: isize) {
        let JsonString { span, value: _ } = self;
        span.shift(delta);
    }
}

impl Shift for ShellForm {
    fn shift(&mut self, delta: isize) {
        let ShellForm {
            span,
            text: _,
            pieces,
            malformed_exec: _,
        } = self;
        span.shift(delta);
        pieces.shift(delta);
    }
}

impl Shift for Word {
    fn shift(&mut self, delta: isize) {
        let Word {
            span,
            raw: _,
            value: _,
            vars,
        } = self;
        span.shift(delta);
        vars.shift(delta);
    }
}

impl Shift for VarRef {
    fn shift(&mut self, delta: isize) {
        let VarRef {
            span,
            name: _,
            name_span,
            braced: _,
            modifier: _,
        } = self;
        span.shift(delta);
        name_span.shift(delta);
    }
}

impl Shift for KeyValue {
    fn shift(&mut self, delta: isize) {
        let KeyValue {
            span,
            key,
            value,
            legacy: _,
        } = self;
        span.shift(delta);
        key.shift(delta);
        value.shift(delta);
    }
}

impl Shift for Heredoc {
    fn shift(&mut self, delta: isize) {
        let Heredoc {
            marker_span,
            delimiter: _,
            strip_tabs: _,
            quoted: _,
            body_span,
            body: _,
            end_span,
        } = self;
        marker_span.shift(delta);
        body_span.shift(delta);
        end_span.shift(delta);
    }
}

impl Shift for SyntaxError {
    fn shift(&mut self, delta: isize) {
        let SyntaxError {
            span,
            code: _,
            message: _,
        } = self;
        span.shift(delta);
    }
}

impl Shift for ImageRef {
    fn shift(&mut self, delta: isize) {
        let ImageRef {
            span,
            raw: _,
            registry,
            path,
            tag,
            digest,
        } = self;
        span.shift(delta);
        registry.shift(delta);
        path.shift(delta);
        tag.shift(delta);
        digest.shift(delta);
    }
}

impl Shift for StageName {
    fn shift(&mut self, delta: isize) {
        let StageName { name: _, span } = self;
        span.shift(delta);
    }
}

impl Shift for StageHead {
    fn shift(&mut self, delta: isize) {
        let StageHead {
            image,
            name,
            as_keyword,
        } = self;
        image.shift(delta);
        name.shift(delta);
        as_keyword.shift(delta);
    }
}
