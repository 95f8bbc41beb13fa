"""The office's web page (``asistents serve``): a shell beside :mod:`asistents.cli`, on the same core, readers
and renderers, that nothing else imports (the import contract in ``pyproject.toml``).

Pages are rendered on the server (Jinja2, autoescaped) and work without JavaScript; every asset is in the
package. One person and a whole emergency are computed in the server's process by the functions the commands
use; a register is read, computed and written by ``asistents batch`` and ``asistents columns`` themselves, run
as a child process in a private folder (:mod:`asistents.web.child`), so that what the page offers to download is
byte for byte what the command writes (README "The web page").
"""
