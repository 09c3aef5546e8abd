import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './states';

/** One page's unexpected throw shows an error in place of that page instead of blanking the app. */
export class PageBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    if (this.state.error) {
      return (
        <ErrorPanel error={this.state.error} what="show this page" onRetry={() => this.setState({ error: null })} />
      );
    }
    return this.props.children;
  }
}
