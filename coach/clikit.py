"""How the ``coach`` command line ends: one line on standard error, a meaningful exit status.

- :class:`OneLineGroup` (``@click.group(cls=OneLineGroup)``): usage errors print one line,
  ``Error: <what> (see 'coach check -h')``, exit 2, instead of click's usage block; Ctrl-C anywhere
  prints ``interrupted`` and exits 130 (click's default is ``Aborted!`` and 1); ``SIGTERM`` or
  ``SIGHUP`` turned into :class:`~coach.safe_output.Terminated` say so and exit 128 + signal.

Ctrl-C during start-up, before the command line is imported (importing spaCy takes about a
second), is handled by :func:`coach.__main__.run`, the console script's entry point.
"""
from __future__ import annotations

import click

from .safe_output import Terminated

INTERRUPTED = 130


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", file=file, err=file is None)


def _one_line(err: click.UsageError) -> OneLineUsageError:
    ctx = err.ctx
    message = err.format_message().strip().replace("\n", " ")
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        message = f"{message.rstrip('.')} (see '{ctx.command_path} -h')"
    return OneLineUsageError(message, ctx)


def _is_help(err: click.UsageError) -> bool:
    # `coach` alone shows the help (click's NoArgsIsHelpError): that is not an error line.
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", None)
    return no_args is not None and isinstance(err, no_args)


class OneLineGroup(click.Group):
    """A click group whose errors and interruptions end in one line (see the module docstring)."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:
            if _is_help(err) or isinstance(err, OneLineUsageError):
                raise
            raise _one_line(err) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            if _is_help(err) or isinstance(err, OneLineUsageError):
                raise
            raise _one_line(err) from None
        except KeyboardInterrupt:
            _forget_unhandled_interrupt()
            click.echo("\ninterrupted", err=True)
            ctx.exit(INTERRUPTED)
        except Terminated as stop:
            click.echo(f"stopped by {stop.signal_name}", err=True)
            raise


def _forget_unhandled_interrupt() -> None:
    # CPython marks a KeyboardInterrupt raised inside eval() or exec() of a string (namedtuple and
    # dataclasses use them while modules load) as unhandled even when it is caught, and then kills
    # itself with SIGINT at exit instead of exiting 130. Evaluating any string clears the mark.
    eval("None")  # noqa: S307 - a constant
