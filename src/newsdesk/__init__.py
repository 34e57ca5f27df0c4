"""newsdesk: read and track a developing news story."""
from .errors import InputError, NewsdeskError
from .model import Article
from .pipeline import pipe, read

__all__ = ["Article", "InputError", "NewsdeskError", "pipe", "read"]
__version__ = "0.1.0"
