"""The demo commune (xã Diễn Châu, Nghệ An) behind `flask --app consult seed-demo`."""
from consult.demo.report import demo_logins
from consult.demo.seed import seed_demo

__all__ = ["demo_logins", "seed_demo"]
