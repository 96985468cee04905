"""The LTI 1.3 tool: registrations, secure launches, Deep Linking and Dynamic Registration."""
